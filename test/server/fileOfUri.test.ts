// The server names job files as the runtime does: a `file:` URI becomes its file path through
// vscode-uri (percent-escapes, spaces, Windows drives), any other URI stays as it is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileOfUri } from '../../server/documentAnalysis.js';

test('file URIs become paths, escapes decoded', () => {
  assert.equal(fileOfUri('file:///w/jobs/clicks.flink.sql'), '/w/jobs/clicks.flink.sql');
  assert.equal(fileOfUri('file:///w/my%20jobs/%23hash%25.flink.sql'), '/w/my jobs/#hash%.flink.sql');
  assert.equal(fileOfUri('file:///c%3A/jobs/a.flink.sql'), 'c:/jobs/a.flink.sql');
});

test('other URIs are kept as the document name', () => {
  assert.equal(fileOfUri('untitled:Untitled-1'), 'untitled:Untitled-1');
});

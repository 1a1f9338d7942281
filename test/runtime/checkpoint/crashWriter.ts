// Child process of crashSafety.test.ts: writes ~2 MB checkpoints of one job in a loop (retaining the
// newest two) until it is killed. Prints `ready <highest existing id>` and `completed <id>` lines.
// Usage: node --import tsx crashWriter.ts DIR SEED
import { nodeCheckpointFs } from '../../../cli/nodeCheckpointFs.js';
import { CheckpointStorage } from '../../../runtime/checkpoint/storage/checkpointStorage.js';
import { crashCheckpointMetadata, crashStates, CRASH_JOB_ID, updateCrashStates } from './crashState.js';
import { seededRandom } from './fixtures.js';

const [dir, seedText] = process.argv.slice(2);
if (dir === undefined || seedText === undefined) {
  process.stderr.write('usage: crashWriter.ts DIR SEED\n');
  process.exit(2);
}

async function main(dir: string, seed: number): Promise<never> {
  const storage = new CheckpointStorage({ fs: nodeCheckpointFs, checkpointDir: dir, random: seededRandom(seed) });
  await storage.init(CRASH_JOB_ID);
  const completed = await storage.completedCheckpoints();
  let id = completed.length === 0 ? 0 : completed[completed.length - 1]!.checkpointId;
  process.stdout.write(`ready ${id}\n`);
  const states = crashStates();
  for (;;) {
    id++;
    updateCrashStates(states, id);
    await storage.writeCheckpoint(crashCheckpointMetadata(id), states);
    process.stdout.write(`completed ${id}\n`);
    await storage.retainNewest(2);
  }
}

void main(dir, Number(seedText));

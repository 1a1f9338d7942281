// The Flink grammar's prediction caches (antlr's lexer and parser DFAs) as plain data: exported
// after parsing a corpus, installed in a new process before its first parse, so a cold start skips
// most of antlr's warm-up (~0.4 s). Pure data in and out; the host does the file I/O.
import { FlinkSqlLexer } from 'dt-sql-parser/dist/lib/flink/FlinkSqlLexer.js';
import { FlinkSqlParser } from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser.js';
import {
  ArrayPredictionContext,
  ATNConfig,
  ATNConfigSet,
  ATNSimulator,
  BitSet,
  DFAState,
  LexerActionExecutor,
  LexerATNConfig,
  LexerIndexedCustomAction,
  PredictionContext,
  SemanticContext,
  SingletonPredictionContext,
  type ATN,
  type DFA,
  type LexerAction,
} from 'antlr4ng';

/** The serialized caches (JSON-safe). */
export interface GrammarCacheData {
  /** Fingerprint of the grammar the caches belong to; a different grammar ignores them. */
  readonly grammar: string;
  /** Prediction contexts, flat: [1, parent, returnState] or [2, n, parents..., returnStates...]; id 0 is EMPTY. */
  readonly contexts: number[];
  /** Semantic contexts, flat: [1, rule, pred, ctxDependent] | [2, precedence] | [3|4, n, operands...]; id 0 is NONE. */
  readonly semantics: number[];
  /** Lexer action executors: lists of action indices into the ATN (or [-1, offset, index] for an indexed action). */
  readonly executors: number[][];
  readonly lexer: SerializedDfa[];
  readonly parser: SerializedDfa[];
}

/** One decision's DFA: its states and the start state(s). */
interface SerializedDfa {
  readonly decision: number;
  /** Index of s0 in `states` (-1: none); for a precedence DFA, s0's edges as [precedence, state] pairs. */
  readonly s0: number | number[];
  /** Each state: [flags, prediction, uniqueAlt, executor, configs (flat, comma-separated), conflictingAlts, predicates, edges, hash] */
  readonly states: unknown[][];
}

const ERROR_STATE = -2;
const CONFIG_FIELDS_PARSER = 6;
const CONFIG_FIELDS_LEXER = 8;

/** A fingerprint of the lexer's and parser's serialized ATNs. */
function grammarFingerprint(): string {
  let h = 0x811c9dc5;
  const lexer = (FlinkSqlLexer as unknown as { _serializedATN: number[] })._serializedATN;
  const parser = (FlinkSqlParser as unknown as { _serializedATN: number[] })._serializedATN;
  // The lengths and 4096 values spread over each ATN: enough to tell grammars apart, cheap at every start.
  for (const a of [lexer, parser]) {
    const step = Math.max(1, Math.floor(a.length / 4096));
    for (let i = 0; i < a.length; i += step) h = Math.imul(h ^ a[i]!, 0x01000193);
  }
  return `flink-sql/${lexer.length}/${parser.length}/${(h >>> 0).toString(16)}`;
}

function lexerDfas(): DFA[] {
  return (FlinkSqlLexer as unknown as { decisionsToDFA: DFA[] }).decisionsToDFA;
}

function parserDfas(): DFA[] {
  return (FlinkSqlParser as unknown as { decisionsToDFA: DFA[] }).decisionsToDFA;
}

function lexerAtn(): ATN {
  return (FlinkSqlLexer as unknown as { _ATN: ATN })._ATN;
}

function parserAtn(): ATN {
  return (FlinkSqlParser as unknown as { _ATN: ATN })._ATN;
}

const andClass = (): unknown => SemanticContext.andContext(new SemanticContext.Predicate(0, 0, false), new SemanticContext.Predicate(0, 1, false))!.constructor;
const orClass = (): unknown => SemanticContext.orContext(new SemanticContext.Predicate(0, 0, false), new SemanticContext.Predicate(0, 1, false))!.constructor;

/** The DFAs built so far by every parse in this process, as data. */
export function exportGrammarCache(): GrammarCacheData {
  const contexts: number[] = [];
  const contextIds = new Map<PredictionContext, number>([[PredictionContext.EMPTY, 0]]);
  let nextContext = 1;
  const contextId = (c: PredictionContext | null): number => {
    if (c === null) return -1;
    const known = contextIds.get(c);
    if (known !== undefined) return known;
    // Parents first (iteratively deep graphs are shallow here: a rule invocation stack).
    const parents: number[] = [];
    for (let i = 0; i < c.length; i++) parents.push(contextId(c.getParent(i)));
    if (c instanceof SingletonPredictionContext) contexts.push(1, parents[0]!, c.getReturnState(0));
    else {
      contexts.push(2, c.length, ...parents);
      for (let i = 0; i < c.length; i++) contexts.push(c.getReturnState(i));
    }
    contextIds.set(c, nextContext);
    return nextContext++;
  };

  const semantics: number[] = [];
  const semanticIds = new Map<SemanticContext, number>([[SemanticContext.NONE, 0]]);
  let nextSemantic = 1;
  const AND = andClass();
  const OR = orClass();
  const semanticId = (s: SemanticContext): number => {
    const known = semanticIds.get(s);
    if (known !== undefined) return known;
    if (s instanceof SemanticContext.PrecedencePredicate) semantics.push(2, s.precedence);
    else if (s instanceof SemanticContext.Predicate) semantics.push(1, s.ruleIndex, s.predIndex, s.isCtxDependent ? 1 : 0);
    else if (s.constructor === AND || s.constructor === OR) {
      const operands = (s as unknown as { opnds: SemanticContext[] }).opnds.map(semanticId);
      semantics.push(s.constructor === AND ? 3 : 4, operands.length, ...operands);
    } else throw new Error(`grammar cache: unknown semantic context ${String(s)}`);
    semanticIds.set(s, nextSemantic);
    return nextSemantic++;
  };

  const executors: number[][] = [];
  const executorIds = new Map<LexerActionExecutor, number>();
  const lexerActions = lexerAtn().lexerActions;
  const executorId = (e: LexerActionExecutor | null): number => {
    if (e === null) return -1;
    const known = executorIds.get(e);
    if (known !== undefined) return known;
    const encoded: number[] = [];
    for (const a of (e as unknown as { lexerActions: LexerAction[] }).lexerActions) {
      if (a instanceof LexerIndexedCustomAction) encoded.push(-1, a.offset, lexerActions.indexOf(a.action));
      else encoded.push(lexerActions.indexOf(a));
    }
    executors.push(encoded);
    executorIds.set(e, executors.length - 1);
    return executors.length - 1;
  };

  const exportDfa = (dfa: DFA, lexer: boolean): SerializedDfa | undefined => {
    const states = dfa.getStates();
    if (states.length === 0) return undefined;
    const index = new Map<DFAState, number>(states.map((s, i) => [s, i]));
    const ref = (s: DFAState | null | undefined): number => (s === ATNSimulator.ERROR ? ERROR_STATE : s ? (index.get(s) ?? -1) : -1);
    const out = states.map((s) => {
      const set = s.configs;
      const configs: number[] = [];
      for (const c of set.configs) {
        configs.push(c.state.stateNumber, c.alt, contextId(c.context), semanticId(c.semanticContext), c.reachesIntoOuterContext, c.precedenceFilterSuppressed ? 1 : 0);
        if (lexer) {
          const lc = c as LexerATNConfig;
          configs.push(lc.passedThroughNonGreedyDecision ? 1 : 0, executorId(lc.lexerActionExecutor));
        }
      }
      const flags = (s.isAcceptState ? 1 : 0) | (s.requiresFullContext ? 2 : 0) | (set.hasSemanticContext ? 4 : 0) | (set.dipsIntoOuterContext ? 8 : 0) | (set.fullCtx ? 16 : 0);
      const edges: number[] = [];
      s.edges?.forEach((t, i) => {
        if (t) edges.push(i, ref(t));
      });
      const conflicting = set.conflictingAlts ? [...set.conflictingAlts] : null;
      const predicates = s.predicates ? s.predicates.flatMap((p) => [semanticId(p.pred), p.alt]) : null;
      // Configurations as one string: JSON.parse then makes one string per state, not thousands of numbers.
      return [flags, s.prediction, set.uniqueAlt, executorId(s.lexerActionExecutor), configs.join(','), conflicting, predicates, edges, s.hashCode()];
    });
    let s0: number | number[];
    if (dfa.isPrecedenceDfa()) {
      s0 = [];
      dfa.s0?.edges?.forEach((t, p) => {
        if (t) (s0 as number[]).push(p, ref(t));
      });
    } else s0 = ref(dfa.s0);
    return { decision: dfa.decision, s0, states: out };
  };

  const lexer = lexerDfas().map((d) => exportDfa(d, true)).filter((d): d is SerializedDfa => d !== undefined);
  const parser = parserDfas().map((d) => exportDfa(d, false)).filter((d): d is SerializedDfa => d !== undefined);
  return { grammar: grammarFingerprint(), contexts, semantics, executors, lexer, parser };
}

/**
 * Installs caches exported by `exportGrammarCache` (same grammar) into this process's lexer and
 * parser DFAs. Only before the first lex or parse: returns false (and changes nothing) when the
 * data belongs to another grammar or the DFAs are already in use.
 */
export function installGrammarCache(data: GrammarCacheData): boolean {
  if (data.grammar !== grammarFingerprint()) return false;
  if ([...lexerDfas(), ...parserDfas()].some((d) => d.getStates().length > 0)) return false;

  // Contexts are decoded on demand (only configurations use them, and those are decoded lazily).
  const c = data.contexts;
  const contextOffsets: number[] = [-1];
  for (let i = 0; i < c.length; ) {
    contextOffsets.push(i);
    if (c[i] === 1) i += 3;
    else if (c[i] === 2) i += 2 + 2 * c[i + 1]!;
    else return false;
  }
  const contexts: (PredictionContext | undefined)[] = [PredictionContext.EMPTY];
  const contextAt = (id: number): PredictionContext | null => {
    if (id === -1) return null;
    const known = contexts[id];
    if (known) return known;
    const i = contextOffsets[id]!;
    let made: PredictionContext;
    if (c[i] === 1) made = SingletonPredictionContext.create(contextAt(c[i + 1]!), c[i + 2]!);
    else {
      const n = c[i + 1]!;
      made = new ArrayPredictionContext(c.slice(i + 2, i + 2 + n).map(contextAt), c.slice(i + 2 + n, i + 2 + 2 * n));
    }
    contexts[id] = made;
    return made;
  };

  const semantics: SemanticContext[] = [SemanticContext.NONE];
  const s = data.semantics;
  for (let i = 0; i < s.length; ) {
    switch (s[i]) {
      case 1:
        semantics.push(new SemanticContext.Predicate(s[i + 1], s[i + 2], s[i + 3] === 1));
        i += 4;
        break;
      case 2:
        semantics.push(new SemanticContext.PrecedencePredicate(s[i + 1]));
        i += 2;
        break;
      default: {
        const n = s[i + 1]!;
        const operands = s.slice(i + 2, i + 2 + n).map((o) => semantics[o]!);
        const join = s[i] === 3 ? SemanticContext.andContext : SemanticContext.orContext;
        semantics.push(operands.reduce<SemanticContext | null>((a, b) => (a === null ? b : join(a, b)), null)!);
        i += 2 + n;
      }
    }
  }

  const lexerActions = lexerAtn().lexerActions;
  const executors = data.executors.map((encoded) => {
    const actions: LexerAction[] = [];
    for (let i = 0; i < encoded.length; i++) {
      if (encoded[i] === -1) {
        actions.push(new LexerIndexedCustomAction(encoded[i + 1]!, lexerActions[encoded[i + 2]!]!));
        i += 2;
      } else actions.push(lexerActions[encoded[i]!]!);
    }
    return new LexerActionExecutor(actions);
  });

  // Every state is built first; the DFAs change only once all data decoded (no half-installed cache).
  const buildDfa = (dfa: DFA, d: SerializedDfa, atn: ATN, lexer: boolean): (() => void) => {
    const states = d.states.map((raw) => {
      const [flags, prediction, uniqueAlt, executor, configText, conflicting, predicates, , hash] = raw as [number, number, number, number, string, number[] | null, number[] | null, number[], number];
      // The configurations are decoded on first use only: a prediction that finds its edge in the
      // DFA never reads them (a miss, or a new state with the same hash, does).
      const decodeConfigs = (): ATNConfigSet => {
        const set = new ATNConfigSet((flags & 16) !== 0);
        const configs = configText === '' ? [] : configText.split(',').map(Number);
        const width = lexer ? CONFIG_FIELDS_LEXER : CONFIG_FIELDS_PARSER;
        for (let i = 0; i < configs.length; i += width) {
          const params = { state: atn.states[configs[i]!]!, alt: configs[i + 1]!, context: contextAt(configs[i + 2]!), semanticContext: semantics[configs[i + 3]!]! };
          const config = lexer ? new LexerATNConfig({ ...params, lexerActionExecutor: configs[i + 7] === -1 ? null : executors[configs[i + 7]!]! } as never, null as never) : new ATNConfig(params, null);
          config.reachesIntoOuterContext = configs[i + 4]!;
          config.precedenceFilterSuppressed = configs[i + 5] === 1;
          if (lexer) (config as unknown as { passedThroughNonGreedyDecision: boolean }).passedThroughNonGreedyDecision = configs[i + 6] === 1;
          set.configs.push(config);
        }
        set.hasSemanticContext = (flags & 4) !== 0;
        set.dipsIntoOuterContext = (flags & 8) !== 0;
        set.uniqueAlt = uniqueAlt;
        if (conflicting) {
          const bits = new BitSet();
          for (const b of conflicting) bits.set(b);
          set.conflictingAlts = bits;
        }
        set.setReadonly(true);
        return set;
      };
      if (typeof hash !== 'number' || typeof configText !== 'string') {
        throw new Error('grammar cache: malformed state');
      }
      const state = new DFAState();
      Object.defineProperty(state, 'configs', {
        configurable: true,
        enumerable: true,
        get(): ATNConfigSet {
          const set = decodeConfigs();
          Object.defineProperty(state, 'configs', { value: set, writable: true, configurable: true, enumerable: true });
          return set;
        },
        set(value: ATNConfigSet) {
          Object.defineProperty(state, 'configs', { value, writable: true, configurable: true, enumerable: true });
        },
      });
      // Equal configurations hash equally in every process (state numbers, alts, contexts' hashes),
      // so states with other hashes differ without decoding their configurations.
      state.hashCode = () => hash;
      const equalConfigs = DFAState.prototype.equals;
      state.equals = (o: unknown) => o === state || (o instanceof DFAState && o.hashCode() === hash && equalConfigs.call(state, o));
      state.isAcceptState = (flags & 1) !== 0;
      state.requiresFullContext = (flags & 2) !== 0;
      state.prediction = prediction;
      state.lexerActionExecutor = executor === -1 ? null : executors[executor]!;
      if (predicates) {
        state.predicates = [];
        for (let i = 0; i < predicates.length; i += 2) state.predicates.push(new DFAState.PredPrediction(semantics[predicates[i]!]!, predicates[i + 1]!));
      }
      return state;
    });
    const ref = (i: number): DFAState | null => {
      if (i === ERROR_STATE) return ATNSimulator.ERROR;
      if (i < 0) return null;
      const state = states[i];
      if (!state) throw new Error(`grammar cache: no state ${i}`);
      return state;
    };
    d.states.forEach((raw, i) => {
      const edges = raw[7] as number[];
      const state = states[i]!;
      state.stateNumber = i;
      if (edges.length > 0) {
        state.edges = new Array(lexer ? 128 : atn.maxTokenType + 2).fill(null);
        for (let e = 0; e < edges.length; e += 2) state.edges[edges[e]!] = ref(edges[e + 1]!);
      }
    });
    const starts = Array.isArray(d.s0) ? d.s0.map((v, e) => (e % 2 === 0 ? v : ref(v))) : ref(d.s0);
    if (dfa.isPrecedenceDfa() !== Array.isArray(starts)) throw new Error(`grammar cache: decision ${d.decision} is not of this kind`);
    return () => {
      for (const state of states) dfa.states.add(state);
      if (Array.isArray(starts)) {
        for (let e = 0; e < starts.length; e += 2) dfa.setPrecedenceStartState(starts[e] as number, starts[e + 1] as DFAState);
      } else dfa.s0 = starts;
    };
  };

  const lex = lexerDfas();
  const parse = parserDfas();
  let commits: (() => void)[];
  try {
    commits = [
      ...data.lexer.map((d) => buildDfa(lex[d.decision]!, d, lexerAtn(), true)),
      ...data.parser.map((d) => buildDfa(parse[d.decision]!, d, parserAtn(), false)),
    ];
  } catch {
    return false;
  }
  for (const commit of commits) commit();
  return true;
}

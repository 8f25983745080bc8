/// Resource limits applied to every match run through a ``MatchScratch``.
///
/// Which limits apply depends on the engine (see `man pcre2jit`):
/// - ``matchLimit`` applies to both the JIT and the interpreter, but they count different things;
///   it is counted per start position (not accumulated over a whole scan).
/// - ``depthLimit`` and ``heapLimitKiB`` apply only to the interpreter; JIT code never returns
///   `PCRE2_ERROR_DEPTHLIMIT` or `PCRE2_ERROR_HEAPLIMIT`. Its memory is bounded by the JIT stack
///   instead, ``jitStackMaxKiB``. The interpreter runs when JIT compilation failed and, with PCRE2
///   10.42, for the anchored retry after an empty match in
///   ``CompiledPattern/allMatches(in:scratch:maxMatches:)`` because JIT does not support
///   `PCRE2_ANCHORED` at match time.
package struct MatchLimits: Sendable, Equatable {
  /// `pcre2_set_match_limit`: how much backtracking one start position may do (PCRE2's default
  /// is 10,000,000).
  package var matchLimit: Int
  /// `pcre2_set_depth_limit`: the interpreter's maximum backtracking depth (PCRE2's default is
  /// 10,000,000). Ignored by JIT code.
  package var depthLimit: Int
  /// `pcre2_set_heap_limit`: the interpreter's backtracking memory in KiB (PCRE2's default is
  /// 20,000,000). Ignored by JIT code.
  package var heapLimitKiB: Int
  /// Initial size of the private JIT stack in KiB.
  package var jitStackStartKiB: Int
  /// Maximum size of the private JIT stack in KiB (PCRE2's built-in stack is 32 KiB).
  package var jitStackMaxKiB: Int

  /// Creates a set of limits; values are clamped to what PCRE2 accepts.
  package init(
    matchLimit: Int = 1_000_000,
    depthLimit: Int = 10_000,
    heapLimitKiB: Int = 32_768,
    jitStackStartKiB: Int = 32,
    jitStackMaxKiB: Int = 1_024
  ) {
    self.matchLimit = matchLimit
    self.depthLimit = depthLimit
    self.heapLimitKiB = heapLimitKiB
    self.jitStackStartKiB = jitStackStartKiB
    self.jitStackMaxKiB = jitStackMaxKiB
  }

  /// The limits Fangfei scans with: match 1,000,000, depth 10,000, heap 32 MiB, JIT stack
  /// 32 KiB growing to 1 MiB. Measured by `fpcre-bench`: rule-like patterns over 1 MB of Chinese
  /// text stay far below them, while `(a+)+$` on 30 `a`s and a `b` fails in milliseconds.
  package static let `default` = MatchLimits()
}

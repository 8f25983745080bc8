internal import CPCRE2
import FangfeiText

/// Per-task matching state: PCRE2 match data, a match context carrying the ``MatchLimits``, and a
/// private JIT stack.
///
/// Not `Sendable`: PCRE2 match data and JIT stacks must never be used by two threads at once.
/// Create one per task or thread and use it for any number of ``CompiledPattern``s, one match at
/// a time.
///
/// Its stored properties are read and written several times per match; they are marked
/// `@exclusivity(unchecked)`, which drops Swift's run-time check of overlapping accesses (about
/// 5% of the instructions of classifying short messages). The class is used by one thread at a
/// time, and no access to one of them overlaps another access to the same one.
package final class MatchScratch {
  /// The limits every match through this scratch runs under.
  package let limits: MatchLimits
  /// Where the classifier normalises the messages it matches through this scratch.
  package let normalization = NormalizationBuffers()
  /// A per-task buffer for the prefilter's candidate rules, reused from message to message.
  @exclusivity(unchecked) package var candidates: [Bool] = []
  /// A per-task buffer for the groups of literals the prefilter has seen, per pattern.
  @exclusivity(unchecked) package var prefilterGroups: [UInt16] = []
  /// A per-task buffer for the places where the prefilter saw the prefixes of patterns.
  @exclusivity(unchecked) package var prefilterPlaces: [Prefilter.Place] = []
  /// A per-task buffer for the patterns the prefilter lets run.
  @exclusivity(unchecked) package var prefilterUnits: [Int] = []
  /// A per-task buffer for the match groups of the message being classified.
  @exclusivity(unchecked) package var table = MatchTable()
  /// Per-task buffers for scoring.
  @exclusivity(unchecked) package var scoring = ScoringBuffers()
  /// Whether a private JIT stack of ``MatchLimits/jitStackMaxKiB`` is assigned; when PCRE2 could
  /// not create one, JIT code falls back to PCRE2's built-in 32 KiB stack.
  package let hasPrivateJITStack: Bool

  /// `pcre2_match_context_8` with the limits and the JIT stack; `nil` only if PCRE2 ran out of
  /// memory, in which case every match reports `PCRE2_ERROR_NOMEMORY`.
  private let matchContext: OpaquePointer?
  /// A second match context like `matchContext` (same limits and JIT stack) whose offset limit
  /// is set for each match that must start at its start offset.
  private let placedContext: OpaquePointer?
  /// The private `pcre2_jit_stack_8`, or `nil`.
  private let jitStack: OpaquePointer?
  /// `pcre2_match_data_8`, grown on demand to fit the pattern with the most groups seen.
  @exclusivity(unchecked) private var matchData: OpaquePointer?
  /// Number of ovector pairs `matchData` holds.
  @exclusivity(unchecked) private var matchDataPairs: Int = 0
  /// One zero byte, passed as the subject pointer for an empty subject (PCRE2 10.42 rejects a
  /// NULL subject even when its length is 0).
  private let emptySubject: UnsafeMutablePointer<UInt8>

  /// Creates the match context, JIT stack and match data for `limits`.
  package init(limits: MatchLimits = .default) {
    self.limits = limits
    emptySubject = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    emptySubject.initialize(to: 0)
    func makeContext() -> OpaquePointer? {
      let context = pcre2_match_context_create_8(nil)
      if let context {
        pcre2_set_match_limit_8(context, UInt32(clamping: max(0, limits.matchLimit)))
        pcre2_set_depth_limit_8(context, UInt32(clamping: max(0, limits.depthLimit)))
        pcre2_set_heap_limit_8(context, UInt32(clamping: max(0, limits.heapLimitKiB)))
      }
      return context
    }
    let context = makeContext()
    let placed = makeContext()
    matchContext = context
    placedContext = placed
    let maxBytes = max(1, limits.jitStackMaxKiB) * 1024
    let startBytes = min(max(1, limits.jitStackStartKiB) * 1024, maxBytes)
    let stack = pcre2_jit_stack_create_8(startBytes, maxBytes, nil)
    if let stack {
      // One stack for both contexts: this scratch runs one match at a time.
      if let context { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack)) }
      if let placed { pcre2_jit_stack_assign_8(placed, nil, UnsafeMutableRawPointer(stack)) }
    }
    jitStack = stack
    hasPrivateJITStack = context != nil && placed != nil && stack != nil
    matchData = pcre2_match_data_create_8(16, nil)
    matchDataPairs = matchData == nil ? 0 : 16
  }

  /// Frees the match data, the match context and the JIT stack.
  deinit {
    pcre2_match_data_free_8(matchData)
    pcre2_match_context_free_8(matchContext)
    pcre2_match_context_free_8(placedContext)
    pcre2_jit_stack_free_8(jitStack)
    emptySubject.deinitialize(count: 1)
    emptySubject.deallocate()
  }

  /// Per lazily JIT-compiled pattern (by ``CompiledPattern/lazyJITSlot``): 0 not seen yet by
  /// this scratch, 1 JIT code ready, -1 interpreter. Once this scratch's thread has seen the
  /// outcome (under the pattern's lock) it may rely on it without locking again.
  @exclusivity(unchecked) private var lazyJIT: [Int8] = []

  /// Whether `pattern` has JIT code, compiling it first if it was created with `lazyJIT`.
  @inline(__always)
  private func usesJIT(_ pattern: CompiledPattern) -> Bool {
    guard let slot = pattern.lazyJITSlot else { return pattern.isJIT }
    if slot < lazyJIT.count, lazyJIT[slot] != 0 { return lazyJIT[slot] > 0 }
    let ready = pattern.compileJITOnce()
    if slot >= lazyJIT.count { lazyJIT.append(contentsOf: repeatElement(0, count: slot + 1 - lazyJIT.count)) }
    lazyJIT[slot] = ready ? 1 : -1
    return ready
  }

  /// Number of ovector pairs PCRE2 set in the last successful ``matchRange(_:subject:start:options:)``.
  @exclusivity(unchecked) private var lastSetPairs = 0

  /// Runs one `pcre2_jit_match_8` (JIT-compiled pattern) or `pcre2_match_8` call and returns the
  /// whole match's byte range, `nil` for no match, or throws. Nothing is allocated; the capture
  /// groups of the match can be read with ``lastGroup(_:)`` until the next match through this
  /// scratch.
  ///
  /// - Precondition: `subject` is valid UTF-8 and `start` is within it on a scalar boundary
  ///   (checked by the callers); `PCRE2_NO_UTF_CHECK` is always passed.
  func matchRange(
    _ pattern: CompiledPattern,
    subject: UnsafeBufferPointer<UInt8>,
    start: Int,
    options: UInt32
  ) throws(MatchFailure) -> Range<Int>? {
    try matchRange(pattern, subject: subject, start: start, options: options, context: matchContext)
  }

  /// ``matchRange(_:subject:start:options:)`` for a match that starts at `start` or not at all
  /// (PCRE2's offset limit): the same as a match anchored there (JIT code takes no
  /// `PCRE2_ANCHORED` at match time; an offset limit it does take).
  func matchRange(
    _ pattern: CompiledPattern,
    subject: UnsafeBufferPointer<UInt8>,
    exactlyAt start: Int
  ) throws(MatchFailure) -> Range<Int>? {
    if let placedContext { pcre2_set_offset_limit_8(placedContext, start) }
    return try matchRange(pattern, subject: subject, start: start, options: 0, context: placedContext)
  }

  private func matchRange(
    _ pattern: CompiledPattern,
    subject: UnsafeBufferPointer<UInt8>,
    start: Int,
    options: UInt32,
    context: OpaquePointer?
  ) throws(MatchFailure) -> Range<Int>? {
    let data = try matchData(pairs: pattern.captureCount + 1)
    guard let context else {
      throw MatchFailure(pcre2Code: PCRE2_ERROR_NOMEMORY)
    }
    let base = subject.baseAddress ?? UnsafePointer(emptySubject)
    let flags = options | UInt32(PCRE2_NO_UTF_CHECK)
    // The JIT fast path skips pcre2_match's argument checks (the callers did them). It supports
    // no PCRE2_ANCHORED at match time, so the anchored empty-match retry goes through
    // pcre2_match_8, which then runs the interpreter.
    // Asked first, even for the anchored retry: pcre2_match_8 reads whether JIT code exists,
    // which must not change under it.
    let jit = usesJIT(pattern)
    let rc =
      jit && options & UInt32(PCRE2_ANCHORED) == 0
      ? pcre2_jit_match_8(pattern.code, base, subject.count, start, flags, data, context)
      : pcre2_match_8(pattern.code, base, subject.count, start, flags, data, context)
    if rc == PCRE2_ERROR_NOMATCH { return nil }
    guard rc > 0 else {
      // rc == 0 would mean the ovector is too small, which matchData(pairs:) rules out.
      throw MatchFailure(pcre2Code: rc == 0 ? PCRE2_ERROR_NOMEMORY : rc)
    }
    guard let ovector = pcre2_get_ovector_pointer_8(data) else {
      throw MatchFailure(pcre2Code: PCRE2_ERROR_NOMEMORY)
    }
    lastSetPairs = Int(rc)
    let lower = ovector[0]
    // With \K in a lookahead the end could precede the start; PCRE2 10.38+ forbids that by
    // default, but clamp rather than trap.
    return lower..<max(lower, ovector[1])
  }

  /// Capture group `group` (1…) of the last successful ``matchRange(_:subject:start:options:)``,
  /// `nil` when it did not take part in the match.
  package func lastGroup(_ group: Int) -> Range<Int>? {
    guard group >= 1, group < lastSetPairs, let data = matchData,
      let ovector = pcre2_get_ovector_pointer_8(data)
    else { return nil }
    let unset = fangfei_pcre2_unset()
    let start = ovector[2 * group]
    let end = ovector[2 * group + 1]
    guard start != unset, end != unset, start <= end else { return nil }
    return start..<end
  }

  /// Runs one `pcre2_jit_match_8` (JIT-compiled pattern) or `pcre2_match_8` call and returns the
  /// match, `nil` for no match, or throws.
  ///
  /// - Precondition: `subject` is valid UTF-8 and `start` is within it on a scalar boundary
  ///   (checked by the callers); `PCRE2_NO_UTF_CHECK` is always passed.
  func match(
    _ pattern: CompiledPattern,
    subject: UnsafeBufferPointer<UInt8>,
    start: Int,
    options: UInt32
  ) throws(MatchFailure) -> MatchRange? {
    guard let whole = try matchRange(pattern, subject: subject, start: start, options: options) else { return nil }
    let groupCount = pattern.captureCount + 1
    var groups: [Range<Int>?] = []
    groups.reserveCapacity(groupCount)
    groups.append(whole)
    for group in 1..<max(1, groupCount) { groups.append(lastGroup(group)) }
    return MatchRange(groups: groups)
  }

  /// The match data, re-created with more pairs if the pattern has more groups than it holds.
  private func matchData(pairs: Int) throws(MatchFailure) -> OpaquePointer {
    if let matchData, matchDataPairs >= pairs { return matchData }
    let newPairs = max(pairs, matchDataPairs * 2, 16)
    guard let data = pcre2_match_data_create_8(UInt32(clamping: newPairs), nil) else {
      throw MatchFailure(pcre2Code: PCRE2_ERROR_NOMEMORY)
    }
    pcre2_match_data_free_8(matchData)
    matchData = data
    matchDataPairs = newPairs
    return data
  }
}

/// Match data and JIT stacks must stay on one thread at a time.
@available(*, unavailable)
extension MatchScratch: Sendable {}

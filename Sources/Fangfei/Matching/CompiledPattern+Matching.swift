internal import CPCRE2

/// Matching: first match, all matches, and `String` conveniences.
extension CompiledPattern {
  /// The first match at or after byte `start` of `subject`.
  ///
  /// - Parameters:
  ///   - subject: UTF-8 bytes of a valid Swift string (matching passes `PCRE2_NO_UTF_CHECK`;
  ///     invalid UTF-8 here is undefined behaviour in PCRE2).
  ///   - start: Byte offset to start at, `0...subject.count`, on a scalar boundary. Lookbehinds
  ///     may still look at bytes before it.
  ///   - scratch: The caller's per-task match state.
  /// - Returns: The match, or `nil` if there is none.
  /// - Throws: ``MatchFailure`` when a limit is hit, or `.other` with `PCRE2_ERROR_BADOFFSET` /
  ///   `PCRE2_ERROR_BADUTFOFFSET` for a start outside the subject or inside a UTF-8 sequence.
  package func firstMatch(
    in subject: UnsafeBufferPointer<UInt8>,
    from start: Int = 0,
    scratch: MatchScratch
  ) throws(MatchFailure) -> MatchRange? {
    try Self.checkStart(start, in: subject)
    return try scratch.match(self, subject: subject, start: start, options: 0)
  }

  /// All non-overlapping matches from the start of `subject`, in order.
  ///
  /// Empty matches are handled the way `pcre2demo` and Perl do: after an empty match at `p`, the
  /// match is retried at `p` with `PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED`; if that fails the
  /// search resumes one whole code point later, so an offset never splits a UTF-8 sequence and
  /// the loop always terminates. (With PCRE2 10.42 that anchored retry runs in the interpreter:
  /// JIT does not support `PCRE2_ANCHORED` at match time.)
  ///
  /// - Parameters:
  ///   - subject: UTF-8 bytes of a valid Swift string.
  ///   - scratch: The caller's per-task match state.
  ///   - maxMatches: Stop after this many matches.
  /// - Throws: ``MatchFailure`` when a limit is hit; matches found before it are discarded.
  package func allMatches(
    in subject: UnsafeBufferPointer<UInt8>,
    scratch: MatchScratch,
    maxMatches: Int = .max
  ) throws(MatchFailure) -> [MatchRange] {
    var matches: [MatchRange] = []
    guard maxMatches > 0 else { return matches }
    try walkMatches(in: subject, scratch: scratch) { range in
      var groups: [Range<Int>?] = [range]
      for group in 1..<max(1, captureCount + 1) { groups.append(scratch.lastGroup(group)) }
      matches.append(MatchRange(groups: groups))
      return matches.count < maxMatches
    }
    return matches
  }

  /// Calls `body` with the range of every non-overlapping match from the start of `subject`, in
  /// order: the matches of ``allMatches(in:scratch:maxMatches:)``, without allocating them.
  /// At the start of `body`, `scratch.lastGroup(_:)` reads the match's capture groups; `body`
  /// may run other matches through `scratch` afterwards.
  ///
  /// - Throws: ``MatchFailure`` when a limit is hit (`body` has then seen the matches before it).
  package func forEachMatch(
    in subject: UnsafeBufferPointer<UInt8>,
    scratch: MatchScratch,
    _ body: (Range<Int>) -> Void
  ) throws(MatchFailure) {
    try walkMatches(in: subject, scratch: scratch) { range in
      body(range)
      return true
    }
  }

  /// Calls `body` with the range of every match of ``forEachMatch(in:scratch:_:)``, given that
  /// every match starts at one of `starts` (byte offsets on scalar boundaries, in increasing
  /// order, repeats allowed): the pattern is tried at those offsets only, each time required to
  /// start there (PCRE2's offset limit), instead of at every character.
  ///
  /// The same matches as ``forEachMatch(in:scratch:_:)`` for a pattern whose every match is
  /// non-empty and starts with a string occurring at one of `starts`, without `\G`, `\K` or
  /// backtracking verbs (``RequiredLiterals``' prefixes; ``Prefilter`` finds where they occur).
  /// Match limits apply to each try, not to the whole search.
  ///
  /// - Throws: ``MatchFailure`` when a limit is hit (`body` has then seen the matches before it).
  package func forEachMatch<Starts: Sequence<Int>>(
    in subject: UnsafeBufferPointer<UInt8>,
    at starts: Starts,
    scratch: MatchScratch,
    _ body: (Range<Int>) -> Void
  ) throws(MatchFailure) {
    var offset = 0
    for start in starts where start >= offset {
      guard start <= subject.count else { break }
      guard let range = try scratch.matchRange(self, subject: subject, exactlyAt: start) else {
        offset = start + 1
        continue
      }
      body(range)
      // Matches never overlap; an empty one (which a pattern with prefixes cannot have) moves on.
      offset = max(range.upperBound, start + 1)
    }
  }

  /// ``forEachMatch(in:at:scratch:_:)`` from one unit's ``Prefilter/Place``s (the byte offset
  /// in their low 32 bits), or ``forEachMatch(in:scratch:_:)`` when `places` is nil.
  package func forEachMatch(
    in subject: UnsafeBufferPointer<UInt8>,
    places: ArraySlice<Prefilter.Place>?,
    scratch: MatchScratch,
    _ body: (Range<Int>) -> Void
  ) throws(MatchFailure) {
    guard let places else { return try forEachMatch(in: subject, scratch: scratch, body) }
    try forEachMatch(in: subject, at: places.lazy.map { Int($0 & 0xFFFF_FFFF) }, scratch: scratch, body)
  }

  /// The match loop of ``forEachMatch(in:scratch:_:)``; stops early when `body` returns false.
  private func walkMatches(
    in subject: UnsafeBufferPointer<UInt8>,
    scratch: MatchScratch,
    _ body: (Range<Int>) -> Bool
  ) throws(MatchFailure) {
    var offset = 0
    var options: UInt32 = 0
    let retryOptions = UInt32(PCRE2_NOTEMPTY_ATSTART) | UInt32(PCRE2_ANCHORED)
    while offset <= subject.count {
      guard let range = try scratch.matchRange(self, subject: subject, start: offset, options: options)
      else {
        // No match at all: done. No non-empty match at the empty match's position: step one
        // code point and search normally from there.
        if options == 0 || offset >= subject.count { break }
        offset = Self.nextScalarBoundary(after: offset, in: subject)
        options = 0
        continue
      }
      guard body(range) else { break }
      if range.isEmpty {
        if range.lowerBound >= subject.count { break }
        options = retryOptions
      } else {
        options = 0
      }
      // Never move backwards (a match always starts at or after `offset`; guard anyway).
      offset = max(range.upperBound, offset)
    }
  }

  /// All non-overlapping matches in `subject` (UTF-8 byte ranges into `subject.utf8`).
  package func allMatches(
    in subject: String,
    scratch: MatchScratch,
    maxMatches: Int = .max
  ) throws(MatchFailure) -> [MatchRange] {
    var subject = subject
    let result = subject.withUTF8 { buffer in
      Result { () throws(MatchFailure) in
        try allMatches(in: buffer, scratch: scratch, maxMatches: maxMatches)
      }
    }
    return try result.get()
  }

  /// The first match in `subject` at or after UTF-8 byte `start`.
  package func firstMatch(
    in subject: String,
    from start: Int = 0,
    scratch: MatchScratch
  ) throws(MatchFailure) -> MatchRange? {
    var subject = subject
    let result = subject.withUTF8 { buffer in
      Result { () throws(MatchFailure) -> MatchRange? in
        try firstMatch(in: buffer, from: start, scratch: scratch)
      }
    }
    return try result.get()
  }

  /// Throws unless `start` is in `0...subject.count` and not on a UTF-8 continuation byte.
  private static func checkStart(
    _ start: Int,
    in subject: UnsafeBufferPointer<UInt8>
  ) throws(MatchFailure) {
    guard start >= 0, start <= subject.count else {
      throw MatchFailure(pcre2Code: PCRE2_ERROR_BADOFFSET)
    }
    if start < subject.count, subject[start] & 0xC0 == 0x80 {
      throw MatchFailure(pcre2Code: PCRE2_ERROR_BADUTFOFFSET)
    }
  }

  /// The byte offset of the scalar after the one starting at `offset` (at most `subject.count`).
  private static func nextScalarBoundary(
    after offset: Int,
    in subject: UnsafeBufferPointer<UInt8>
  ) -> Int {
    var next = offset + 1
    while next < subject.count, subject[next] & 0xC0 == 0x80 {
      next += 1
    }
    return next
  }
}

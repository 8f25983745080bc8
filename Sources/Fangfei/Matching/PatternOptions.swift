internal import CPCRE2

/// Compile-time options a rule pattern may request.
///
/// UTF (`PCRE2_UTF`) and Unicode properties (`PCRE2_UCP`) are always on, and `\C` is always
/// forbidden (`PCRE2_NEVER_BACKSLASH_C`): it could match half of a UTF-8 sequence, which would
/// break the byte-offset guarantees of ``MatchRange`` and the `PCRE2_NO_UTF_CHECK` contract.
/// The raw values are Fangfei's own bits, not PCRE2's, so no C constant leaks out.
package struct PatternOptions: OptionSet, Sendable, Hashable {
  /// Fangfei's own bit set; translated to PCRE2 flags by ``pcre2Flags``.
  package let rawValue: UInt32

  /// Creates an option set from Fangfei's raw bits.
  package init(rawValue: UInt32) {
    self.rawValue = rawValue
  }

  /// Case-insensitive matching (`(?i)`, `PCRE2_CASELESS`); Unicode-aware because UCP is on.
  package static let caseless = PatternOptions(rawValue: 1 << 0)
  /// `^` and `$` also match at line breaks (`(?m)`, `PCRE2_MULTILINE`).
  package static let multiline = PatternOptions(rawValue: 1 << 1)
  /// `.` also matches a newline (`(?s)`, `PCRE2_DOTALL`).
  package static let dotAll = PatternOptions(rawValue: 1 << 2)
  /// Ignore unescaped white space and allow `#` comments in the pattern (`(?x)`, `PCRE2_EXTENDED`).
  package static let extended = PatternOptions(rawValue: 1 << 3)
  /// Like ``extended`` and also ignore spaces and tabs inside classes (`(?xx)`,
  /// `PCRE2_EXTENDED_MORE`).
  package static let extendedMore = PatternOptions(rawValue: 1 << 4)
  /// Invert the greediness of quantifiers (`(?U)`, `PCRE2_UNGREEDY`).
  package static let ungreedy = PatternOptions(rawValue: 1 << 5)
  /// Plain parentheses do not capture; only named groups do (`(?n)`, `PCRE2_NO_AUTO_CAPTURE`).
  package static let noAutoCapture = PatternOptions(rawValue: 1 << 6)
  /// Treat the whole pattern as a literal string (`PCRE2_LITERAL`).
  package static let literal = PatternOptions(rawValue: 1 << 7)

  /// The `pcre2_compile_8` option bits for this set, including the always-on UTF, UCP,
  /// `NEVER_BACKSLASH_C`, `NO_UTF_CHECK` (the pattern comes from a valid Swift string) and
  /// `USE_OFFSET_LIMIT` (so that a match may be required to start at its start offset, see
  /// ``CompiledPattern/forEachMatch(in:at:scratch:_:)``; without an offset limit it changes
  /// nothing).
  ///
  /// PCRE2 rejects UCP and `NEVER_BACKSLASH_C` together with `PCRE2_LITERAL`; neither means
  /// anything for a literal, so they are left out then (UTF caseless matching still folds
  /// non-ASCII letters).
  var pcre2Flags: UInt32 {
    var flags = UInt32(PCRE2_UTF) | UInt32(PCRE2_NO_UTF_CHECK) | UInt32(PCRE2_USE_OFFSET_LIMIT)
    if !contains(.literal) {
      flags |= UInt32(PCRE2_UCP) | UInt32(PCRE2_NEVER_BACKSLASH_C)
    }
    let table: [(PatternOptions, UInt32)] = [
      (.caseless, UInt32(PCRE2_CASELESS)),
      (.multiline, UInt32(PCRE2_MULTILINE)),
      (.dotAll, UInt32(PCRE2_DOTALL)),
      (.extended, UInt32(PCRE2_EXTENDED)),
      (.extendedMore, UInt32(PCRE2_EXTENDED_MORE)),
      (.ungreedy, UInt32(PCRE2_UNGREEDY)),
      (.noAutoCapture, UInt32(PCRE2_NO_AUTO_CAPTURE)),
      (.literal, UInt32(PCRE2_LITERAL)),
    ]
    for (option, flag) in table where contains(option) {
      flags |= flag
    }
    return flags
  }
}

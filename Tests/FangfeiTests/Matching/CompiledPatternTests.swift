import Fangfei
import Testing

/// Compilation: JIT, capture metadata and compile errors.
@Suite("CompiledPattern")
struct CompiledPatternTests {
  /// JIT is available on this machine and used by default; `jit: false` forces the interpreter.
  @Test func jitCompiles() throws {
    let pattern = try CompiledPattern(#"年化\s*(?:收益|回报)率?\s*\d+(?:\.\d+)?\s*%"#)
    #expect(pattern.isJIT)
    #expect(pattern.jitFailure == nil)
    let interpreted = try CompiledPattern("年化", jit: false)
    #expect(!interpreted.isJIT)
    #expect(interpreted.jitFailure != nil)
  }

  /// Capture count and the name table, including a Chinese group name.
  @Test func captureMetadata() throws {
    let pattern = try CompiledPattern(#"(?<rate>\d+)(\.\d+)?(?<unit>%|厘|分)(?<利率>x)?"#)
    #expect(pattern.captureCount == 4)
    #expect(pattern.namedGroups == ["rate": 1, "unit": 3, "利率": 4])
    #expect(pattern.groupNumber(named: "unit") == 3)
    #expect(pattern.groupNumber(named: "missing") == nil)
    #expect(pattern.pattern == #"(?<rate>\d+)(\.\d+)?(?<unit>%|厘|分)(?<利率>x)?"#)
    let plain = try CompiledPattern("保本保息")
    #expect(plain.captureCount == 0)
    #expect(plain.namedGroups.isEmpty)
  }

  /// PCRE2's own messages and byte offsets for ASCII patterns.
  @Test(
    arguments: [
      ("abc(", "missing closing parenthesis", 4),
      ("a{2,1}", "numbers out of order in {} quantifier", 5),
      ("[z-a]", "range out of order in character class", 3),
      ("(?<n>a)(?<n>b)", "two named subpatterns have the same name (PCRE2_DUPNAMES not set)", 12),
    ])
  func compileErrors(pattern: String, message: String, offset: Int) throws {
    let error = try #require(compileError(pattern))
    #expect(error.message == message)
    #expect(error.utf8Offset == offset)
    #expect(error.code > 0)
    // ASCII: bytes and scalars agree.
    #expect(error.column(in: pattern) == offset + 1)
  }

  /// Offsets after Chinese text are bytes (3 per character); the helpers turn them into columns.
  @Test func compileErrorAfterChinese() throws {
    let pattern = #"年化\p{Foo}收益"#
    let error = try #require(compileError(pattern))
    #expect(error.message == "unknown property after \\P or \\p")
    // 年化 is 6 bytes, \p{Foo} 7 bytes: PCRE2 stops after the closing brace.
    #expect(error.utf8Offset == 13)
    #expect(error.scalarOffset(in: pattern) == 9)
    #expect(error.column(in: pattern) == 10)

    let unclosed = "年化收益("
    let parenthesis = try #require(compileError(unclosed))
    #expect(parenthesis.message == "missing closing parenthesis")
    #expect(parenthesis.utf8Offset == 13)
    #expect(parenthesis.column(in: unclosed) == 6)

    let unterminated = "收益[率"
    let bracket = try #require(compileError(unterminated))
    #expect(bracket.message == "missing terminating ] for character class")
    #expect(bracket.utf8Offset == 10)
    #expect(bracket.scalarOffset(in: unterminated) == 4)
  }

  /// Column helpers for offsets inside a character and past the end.
  @Test func scalarOffsetEdgeCases() {
    let pattern = "年化a"
    let inside = PCRE2CompileError(code: 1, message: "x", utf8Offset: 4)
    #expect(inside.scalarOffset(in: pattern) == 1)
    #expect(inside.column(in: pattern) == 2)
    let past = PCRE2CompileError(code: 1, message: "x", utf8Offset: 99)
    #expect(past.scalarOffset(in: pattern) == 3)
    let start = PCRE2CompileError(code: 1, message: "x", utf8Offset: 0)
    #expect(start.column(in: pattern) == 1)
    #expect(past.description == "x (at byte 99)")
  }

  /// `\C` could split a UTF-8 sequence, so it is always disabled.
  @Test func backslashCIsRejected() throws {
    let error = try #require(compileError(#"中文\C"#))
    #expect(error.message == "using \\C is disabled by the application")
    #expect(error.utf8Offset == 8)
  }

  /// Empty patterns and patterns containing NUL compile (explicit lengths, never NUL-terminated).
  @Test func emptyAndNULPatterns() throws {
    let empty = try CompiledPattern("")
    #expect(
      try empty.allMatches(in: "中a", scratch: MatchScratch()).map(\.range) == [
        0..<0, 3..<3, 4..<4,
      ])
    let withNUL = try CompiledPattern("a\u{0}b")
    #expect(try withNUL.allMatches(in: "xa\u{0}b", scratch: MatchScratch()).map(\.range) == [1..<4])
  }

  /// Options map to PCRE2 flags.
  @Test func options() throws {
    #expect(try matchedTexts("^收益$", in: "收益\n收益", options: .multiline) == ["收益", "收益"])
    #expect(try matchedTexts("^收益$", in: "收益\n收益").isEmpty)
    #expect(try matchedTexts("收.益", in: "收\n益", options: .dotAll) == ["收\n益"])
    #expect(try matchedTexts("收 益 # comment", in: "收益", options: .extended) == ["收益"])
    #expect(try matchedTexts("a+", in: "aaa", options: .ungreedy) == ["a", "a", "a"])
    #expect(try matchedTexts("(?", in: "a(?b", options: .literal) == ["(?"])
    #expect(try matchedTexts("ＵＳＤＴ", in: "ｕｓｄｔ", options: [.literal, .caseless]) == ["ｕｓｄｔ"])
    let noCapture = try CompiledPattern(#"(\d+)(?<unit>%)"#, options: .noAutoCapture)
    #expect(noCapture.captureCount == 1)
  }

  /// `forEachMatch` sees the ranges of `allMatches`, empty matches included, and reads the
  /// capture groups of each match.
  @Test func forEachMatchAgreesWithAllMatches() throws {
    for source in [#"(?<n>\d+)%?"#, "x*", #"\b"#, "保本|保息"] {
      let pattern = try CompiledPattern(source)
      let scratch = MatchScratch()
      var text = "年化36%，保本保息 12 x xx"
      let expected = try pattern.allMatches(in: text, scratch: scratch)
      var ranges: [Range<Int>] = []
      var groups: [Range<Int>?] = []
      try text.withUTF8 { bytes in
        try pattern.forEachMatch(in: bytes, scratch: scratch) { range in
          ranges.append(range)
          if let n = pattern.groupNumber(named: "n") { groups.append(scratch.lastGroup(n)) }
        }
      }
      #expect(ranges == expected.map(\.range))
      if let n = pattern.groupNumber(named: "n") { #expect(groups == expected.map { $0[group: n] }) }
    }
  }
}

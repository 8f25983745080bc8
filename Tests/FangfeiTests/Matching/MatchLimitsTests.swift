import Fangfei
import Testing

/// Limits turn catastrophic patterns into prompt errors, under JIT and the interpreter.
@Suite("Match limits")
struct MatchLimitsTests {
  /// 30 `a`s and a `b`: 2^30 ways to split the run.
  static let evilSubject = String(repeating: "a", count: 30) + "b"

  /// `(a+)+$` hits the match limit in well under a second instead of running for minutes.
  @Test(arguments: [true, false])
  func catastrophicBacktrackingHitsMatchLimit(jit: Bool) throws {
    let pattern = try CompiledPattern("(a+)+$", jit: jit)
    #expect(pattern.isJIT == jit)
    let scratch = MatchScratch()
    // Sanity: on a short run the same pattern simply fails to match, so the error below really
    // comes from the limit and not from the pattern.
    #expect(try pattern.firstMatch(in: "aaaab", scratch: scratch) == nil)
    let clock = ContinuousClock()
    let start = clock.now
    #expect(throws: MatchFailure.matchLimit) {
      try pattern.firstMatch(in: Self.evilSubject, scratch: scratch)
    }
    #expect(throws: MatchFailure.matchLimit) {
      try pattern.allMatches(in: Self.evilSubject, scratch: scratch)
    }
    #expect(clock.now - start < .milliseconds(500))
  }

  /// The same pattern within the default limits on text where it legitimately matches.
  @Test func legitimateMatchWithinLimits() throws {
    let pattern = try CompiledPattern("(a+)+$")
    let match = try pattern.firstMatch(
      in: Self.evilSubject.dropLast() + "", scratch: MatchScratch())
    #expect(match?.range == 0..<30)
  }

  /// The depth limit applies to the interpreter only; JIT ignores it (and uses its stack).
  @Test func depthLimitIsInterpreterOnly() throws {
    let subject = String(repeating: "a", count: 20_000) + "c"
    let scratch = MatchScratch()
    let interpreted = try CompiledPattern("(?:a|b)*c", jit: false)
    #expect(throws: MatchFailure.depthLimit) {
      try interpreted.firstMatch(in: subject, scratch: scratch)
    }
    let jit = try CompiledPattern("(?:a|b)*c")
    #expect(jit.isJIT)
    #expect(try jit.firstMatch(in: subject, scratch: scratch)?.range == 0..<20_001)
  }

  /// The heap limit applies to the interpreter.
  @Test func heapLimit() throws {
    let subject = String(repeating: "a", count: 20_000) + "c"
    let scratch = MatchScratch(limits: MatchLimits(depthLimit: 10_000_000, heapLimitKiB: 64))
    let interpreted = try CompiledPattern("(?:a|b)*c", jit: false)
    #expect(throws: MatchFailure.heapLimit) {
      try interpreted.firstMatch(in: subject, scratch: scratch)
    }
  }

  /// A small private JIT stack overflows with `.jitStackLimit`; the default 1 MiB one does not.
  @Test func jitStackLimit() throws {
    // Each iteration of the group takes JIT stack: 20,000 fit in 1 MiB but not in 64 KiB (and
    // 200,000 do not fit in 1 MiB either).
    let subject = String(repeating: "a", count: 20_000) + "c"
    let pattern = try CompiledPattern("(?:a|b)*c")
    let small = MatchScratch(limits: MatchLimits(jitStackMaxKiB: 64))
    #expect(small.hasPrivateJITStack)
    #expect(throws: MatchFailure.jitStackLimit) {
      try pattern.firstMatch(in: subject, scratch: small)
    }
    let defaultScratch = MatchScratch()
    #expect(try pattern.firstMatch(in: subject, scratch: defaultScratch)?.range == 0..<20_001)
  }

  /// Rule-like patterns scan a long Chinese text without touching the default limits, under JIT
  /// and under the interpreter.
  @Test(arguments: [true, false])
  func defaultLimitsAllowRuleLikePatterns(jit: Bool) throws {
    let line = "本平台响应国家政策，年化收益高达36%，保本保息，稳赚不赔，名额有限先到先得！加V私聊。\n"
    let subject = String(repeating: line, count: 2_000)
    let pattern = try CompiledPattern(
      #"(?:年化|月息|日返)\s*(?:收益|回报)?率?\s*(?:高达|达到?)?\s*(?<rate>\d+(?:\.\d+)?)\s*%"#,
      jit: jit)
    let matches = try pattern.allMatches(in: subject, scratch: MatchScratch())
    #expect(matches.count == 2_000)
    let greedy = try CompiledPattern("收益[^\n]*%[^\n]*私聊", jit: jit)
    #expect(try greedy.allMatches(in: subject, scratch: MatchScratch()).count == 2_000)
  }

  /// Failures describe themselves.
  @Test func descriptions() {
    #expect(MatchFailure.matchLimit.description == "match limit exceeded")
    #expect(MatchFailure.other(code: -1, message: "no match").description.contains("-1"))
    #expect(MatchLimits.default.matchLimit == 1_000_000)
    #expect(MatchLimits.default.depthLimit == 10_000)
  }
}

import FangfeiRules
import Foundation
import Testing

@testable import Fangfei

@Suite("Loading a pack on two threads")
struct LoadTests {
  @Test func theTwoThreadLoadGivesThePackTheOneThreadLoaderGives() throws {
    let sources = BundledPack.sources
    let (serial, serialDiagnostics) = PackLoader.checkAll(sources)
    let expected = try #require(serial)
    let pack = try Classifier().pack
    #expect(pack.checked.rules == expected.rules)
    #expect(pack.checked.mentions == expected.mentions)
    #expect(pack.checked.categories == expected.categories)
    #expect(pack.checked.evaluationOrder == expected.evaluationOrder)
    // The prefilter's literals are there (worked out on the second thread).
    #expect(pack.checked.rules.contains { !$0.patternConjunctions.isEmpty })
    #expect(Set(pack.diagnostics) == Set(serialDiagnostics))
  }

  @Test func aRuleThePrefilterCannotSkipStillGetsItsWarning() throws {
    let rules = """
      rule digits
        describe zh 数字
        score 1
        match /\\d+%/
        hit 5%
      """
    let classifier = try Classifier(ruleText: rules, path: "w.rules")
    let messages = classifier.diagnostics.map(\.message)
    #expect(messages.contains { $0.contains("no literal the prefilter can look for") }, "\(messages)")
    let (_, serial) = PackLoader.checkAll([PackLoader.SourceFile(path: "w.rules", text: rules)])
    #expect(Set(classifier.diagnostics) == Set(serial))
  }

  @Test func checkerAndPCRE2ErrorsAreReportedTogether() {
    let rules = """
      rule broken
        describe zh 坏
        score 1
        match /[z-a]/
        hit a
      rule orphan
        describe zh 孤
        score 1
        when nowhere
      """
    do {
      _ = try Classifier(ruleText: rules, path: "e.rules")
      Issue.record("a pack with errors loaded")
    } catch {
      let messages = error.errors.map(\.message)
      #expect(messages.contains { $0.hasPrefix("PCRE2: ") }, "\(messages)")
      #expect(messages.contains { $0.contains("nowhere") }, "\(messages)")
    }
  }

  @Test func everyPatternIsJITCompiledAtLoad() throws {
    let pack = try Classifier().pack
    let patterns = pack.units.map(\.pattern) + pack.mentionPatterns.compactMap { $0 }
    #expect(patterns.count > 150)
    #expect(patterns.allSatisfy { $0.hasJITCode })
  }

  @Test func withoutJITAtLoadAPatternIsCompiledAtItsFirstMatch() throws {
    let rules = """
      rule guarantee
        describe zh 保本
        score 5
        match /保本保息/
        hit 保本保息
      rule doubling
        describe zh 翻倍
        score 5
        match /收益翻倍/
        hit 收益翻倍
      """
    let classifier = try Classifier(ruleText: rules, options: ClassifierOptions(jitAtLoad: false))
    let patterns = classifier.pack.units.map(\.pattern)
    #expect(patterns.count == 2)
    #expect(!patterns.contains { $0.hasJITCode })
    #expect(classifier.classify("本产品保本保息").hits.map(\.rule) == ["guarantee"])
    // JIT compilation exists on this machine's PCRE2 build (CI's too); the prefilter kept the
    // second pattern from running, so it was never compiled.
    #expect(patterns[0].hasJITCode)
    #expect(!patterns[1].hasJITCode)
  }

  @Test func concurrentlyRunsTheSecondClosureOnAnotherThreadAndReturnsBoth() {
    let caller = pthread_self()
    let (a, b) = concurrently(
      { () -> Bool in pthread_equal(pthread_self(), caller) != 0 },
      { () -> Bool in pthread_equal(pthread_self(), caller) != 0 })
    #expect(a, "the first closure runs on the calling thread")
    #expect(!b, "the second closure runs on another thread")
  }

  @Test func jitWorkCompilesEachPatternOnceWhoeverDrains() throws {
    let patterns = try (0..<40).map { try CompiledPattern("词\($0)|word\($0)", lazyJIT: true) }
    #expect(!patterns.contains { $0.hasJITCode })
    let work = JITWork()
    work.drain()  // nothing published yet: nothing to do
    #expect(!patterns.contains { $0.hasJITCode })
    work.publish(patterns)
    _ = concurrently({ work.drain() }, { work.drain() })
    #expect(patterns.allSatisfy { $0.hasJITCode })
  }
}

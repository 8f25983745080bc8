import FangfeiRules
import Testing

@testable import Fangfei

@Suite("Literal analyses embedded at build time")
struct BundledLiteralTableTests {
  @Test func everyBundledPatternIsInTheTableWithTheAnalysisWorkedOutNow() throws {
    let table = RequiredLiterals.decode(BundledRuleFiles.literalTable)
    let patterns = try Classifier().pack.checked.literalAnalysisPatterns
    #expect(patterns.count > 150)
    for pattern in patterns {
      let embedded = try #require(table[ByteString(Array(pattern.utf8))], "missing: \(pattern.prefix(60))")
      let now = RequiredLiterals.computed(pattern)
      #expect(embedded.literals == now.literals, "\(pattern.prefix(60))")
      #expect(embedded.conjunction == now.conjunction, "\(pattern.prefix(60))")
      #expect(embedded.prefixes == now.prefixes, "\(pattern.prefix(60))")
    }
  }

  @Test func encodingRoundTripsAndSkipsWhatItCannotHold() {
    let patterns = ["保本保息|稳赚不赔", "(?:年化|月息)\\d+%", ".*", "a\u{1E}b", "保本保息|稳赚不赔"]
    let table = RequiredLiterals.decode(RequiredLiterals.encode(patterns))
    #expect(table.count == 3)  // the duplicate once; the one with a separator left out
    for p in ["保本保息|稳赚不赔", "(?:年化|月息)\\d+%", ".*"] {
      let key = ByteString(Array(p.utf8))
      #expect(table[key]?.literals == RequiredLiterals.computed(p).literals)
      #expect(table[key]?.conjunction == RequiredLiterals.computed(p).conjunction)
      #expect(table[key]?.prefixes == RequiredLiterals.computed(p).prefixes)
    }
    #expect(table[ByteString(Array("(?:年化|月息)\\d+%".utf8))]?.prefixes == ["年化", "月息"])
    #expect(table[ByteString(Array(".*".utf8))]?.literals == nil)
    #expect(RequiredLiterals.decode("garbage").isEmpty)
  }
}

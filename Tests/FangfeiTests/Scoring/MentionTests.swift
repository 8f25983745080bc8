import Foundation
import Testing

@testable import Fangfei

let mentionPack = """
  threshold suspicious 2
  threshold scam 4
  category money
    title zh 钱
  rule guarantee
    category money
    describe zh 保本
    score 3
    match /保本保息|稳赚不赔/
    hit 保本保息
  rule warned
    describe zh 警示
    score -1
    match /警惕/
    hit 警惕
  mention quoted
  mention before /警惕|谨防/ within 10
  mention after /等话术|为诱饵/ within 3
  """

@Suite("Mentions are not promises")
struct MentionTests {
  let classifier: Classifier
  init() throws { classifier = try Classifier(ruleText: mentionPack, path: "mention.rules") }

  func fired(_ text: String) -> [String] { classifier.classify(text).hits.map(\.rule) }

  @Test func quotedSlogansAreMentions() {
    #expect(fired("他们说\"保本保息\"，你信吗") == [])
    #expect(fired("所谓“稳赚不赔”就是骗局") == [])
    #expect(fired("「保本保息」四个字") == [])
    #expect(fired("保本保息，“安心”理财") == ["guarantee"])  // the quote is elsewhere
  }

  @Test func warningCueBeforeInTheSameSentence() {
    #expect(fired("警惕保本保息") == ["warned"])
    #expect(fired("谨防：保本保息、稳赚不赔") == [])
    // A sentence break between the cue and the slogan ends the cue.
    #expect(fired("谨防诈骗。保本保息，稳赚不赔") == ["guarantee"])
    // Too far away.
    #expect(fired("警惕一二三四五六七八九十一二三保本保息") == ["warned", "guarantee"])
  }

  @Test func aPastedWarningAfterThePitchDoesNotHelpIt() {
    let v = classifier.classify("保本保息，稳赚不赔，加微信，谨防诈骗")
    #expect(v.hits.map(\.rule) == ["guarantee"])
    #expect(v.level == .scam || v.level == .suspicious)
  }

  @Test func framingWordAfter() {
    #expect(fired("保本保息等话术") == [])
    #expect(fired("以保本保息为诱饵") == [])
    #expect(fired("保本保息，我们还有其他等话术") == ["guarantee"])  // too far after
  }

  @Test func unquotedMixedWithQuoted() {
    // One quoted mention and one real promise: the rule fires, quoting the promise.
    let v = classifier.classify("别信\"保本保息\"？不，我们真的稳赚不赔")
    #expect(v.hits.map(\.rule) == ["guarantee"])
    #expect(v.hits.first?.match == "稳赚不赔")
  }
}

@Suite("The bundled pack on the sample documents")
struct SampleDocumentTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus/samples")

  static func text(_ name: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
  }

  @Test(arguments: ["anti-fraud-poster.txt", "bank-ad.txt", "news-report.txt", "everyday-chat.txt"])
  func benignSamplesAreClean(_ name: String) throws {
    let classifier = try #require(bundled)
    let v = classifier.classify(try Self.text(name))
    #expect(v.level == .clean, "\(name): \(v.hits.map { "\($0.rule)「\($0.match ?? "")」" })")
  }

  @Test func scamFlyerIsAScam() throws {
    let classifier = try #require(bundled)
    #expect(classifier.classify(try Self.text("scam-flyer.txt")).level == .scam)
  }
}

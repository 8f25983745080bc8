import Foundation
import FuzzChecks
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

  /// The indexed lookup agrees with the scan over every quotation and frame, on random texts
  /// made of slogans, frames, quotes, breaks and filler, for every range of up to 8 scalars.
  @Test func indexedLookupAgreesWithTheScan() {
    let pieces = [
      "保本保息", "警惕", "谨防", "等话术", "为诱饵", "\"", "“", "”", "「", "」", "。", "！", "\n", "我们", "一二三", "a", "🙂",
    ]
    // A fixed linear congruential sequence: the same 200 texts on every run.
    var state: UInt64 = 7
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var disagreements: [String] = []
    var mentions = 0
    for _ in 0..<200 {
      let text = (0...next(30)).map { _ in pieces[next(pieces.count)] }.joined()
      var utf8 = Array(text.utf8)
      utf8.withUnsafeMutableBufferPointer { buffer in
        let bytes = UnsafeBufferPointer(buffer)
        do {
          let scratch = classifier.scratches.borrow()
          defer { classifier.scratches.giveBack(scratch) }
          let filter = MentionFilter(pack: classifier.pack, bytes: bytes, scratch: scratch)
          let starts = (0...bytes.count).filter { $0 == bytes.count || bytes[$0] & 0xC0 != 0x80 }
          for (i, lower) in starts.enumerated() {
            for upper in starts[i...].prefix(9) {
              let range = lower..<upper
              let indexed = filter.isMention(range)
              if indexed { mentions += 1 }
              if indexed != filter.isMentionByScan(range) { disagreements.append("\(text) \(range)") }
            }
          }
        }
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    #expect(mentions > 1000)  // the texts do exercise the filter
  }

  /// Many frames and many slogans in one message: linear, not a scan per hit. 20,000 warned
  /// slogans and 20,000 real ones (a scan per hit took minutes on such a text; now well under a second).
  @Test func manyFramesAndHitsStayLinear() {
    let text = String(repeating: "警惕保本保息。我们保本保息。", count: 20_000)
    let v = classifier.classify(text)
    #expect(v.hits.first { $0.rule == "guarantee" }?.count == 20_000)
  }

  /// The byte scan for quotations against the definition, decoded scalar by scalar, on random
  /// texts of quotation marks, their look-alikes (other E2 80 xx and E3 80 xx characters),
  /// line breaks and Han characters.
  @Test func quotationsMatchTheirDefinition() {
    func reference(_ text: String) -> [Range<Int>] {
      let pairs: [(open: Unicode.Scalar, close: Unicode.Scalar)] = [
        ("\u{201C}", "\u{201D}"), ("\u{300C}", "\u{300D}"), ("\u{300E}", "\u{300F}"), ("\u{2018}", "\u{2019}"),
        ("\u{300A}", "\u{300B}"),
      ]
      var result: [Range<Int>] = []
      var open: [(scalar: Unicode.Scalar, at: Int)] = []
      var straight: Int?
      var i = 0
      for c in text.unicodeScalars {
        let width = UTF8.width(c)
        defer { i += width }
        if c == "\n" {
          open.removeAll()
          straight = nil
        } else if c == "\"" {
          if let s = straight {
            result.append(s..<(i + 1))
            straight = nil
          } else {
            straight = i
          }
        } else if pairs.contains(where: { $0.open == c }) {
          open.append((c, i))
        } else if let pair = pairs.first(where: { $0.close == c }),
          let k = open.lastIndex(where: { $0.scalar == pair.open })
        {
          result.append(open[k].at..<(i + width))
          open.removeSubrange(k...)
        }
      }
      return result
    }
    let pieces = [
      "\u{201C}", "\u{201D}", "\u{300C}", "\u{300D}", "\u{300E}", "\u{300F}", "\u{2018}", "\u{2019}", "\u{300A}",
      "\u{300B}", "\"", "\n", "保本", "。", "\u{3001}", "\u{2026}", "\u{2014}", "\u{300C}", "a", "\u{301D}",
    ]
    var rng = SplitMix64(seed: 0xC0FFEE)
    var found = 0
    for _ in 0..<2000 {
      let text = (0..<Int(rng.next() % 24)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
      var t = text
      let got = t.withUTF8 { MentionFilter.quotations($0) }
      #expect(got == reference(text), "\(text)")
      found += got.count
    }
    #expect(found > 1000)
  }
}

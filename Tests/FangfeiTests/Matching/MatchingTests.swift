import Fangfei
import Testing

/// Matching: offsets, captures, empty matches and start offsets.
@Suite("Matching")
struct MatchingTests {
  /// The named `rate` capture from the design's example rule, as bytes and as scalars.
  @Test func namedCaptureInChinese() throws {
    let subject = "本平台年化收益高达36%，到期还本"
    let pattern = try CompiledPattern(#"(?<rate>\d+(?:\.\d+)?)\s*%"#)
    let match = try #require(try pattern.firstMatch(in: subject, scratch: MatchScratch()))
    let rate = try #require(pattern.range(ofGroup: "rate", in: match))
    // 本平台年化收益高达 is 9 characters of 3 bytes each.
    #expect(rate == 27..<29)
    #expect(match.range == 27..<30)
    #expect(slice(subject, rate) == "36")
    #expect(slice(subject, match.range) == "36%")
    let index = UTF8ScalarIndex(subject)
    #expect(index.scalarRange(forUTF8Range: rate) == 9..<11)
    #expect(index.scalarRange(forUTF8Range: match.range) == 9..<12)
    let scalars = Array(subject.unicodeScalars)
    #expect(String(String.UnicodeScalarView(scalars[9..<12])) == "36%")
  }

  /// A longer Chinese pattern; every byte range slices exactly the expected text.
  @Test func chineseOffsets() throws {
    let subject = "响应国家政策！年化收益率高达 12.5%，保本保息，稳赚不赔。名额有限，年化回报 8%"
    let pattern = try CompiledPattern(
      #"年化\s*(?:收益|回报)率?\s*(?:高达|达到?)?\s*(?<rate>\d+(?:\.\d+)?)\s*%"#)
    let matches = try pattern.allMatches(in: subject, scratch: MatchScratch())
    #expect(matches.map { slice(subject, $0.range) } == ["年化收益率高达 12.5%", "年化回报 8%"])
    #expect(
      matches.map { slice(subject, pattern.range(ofGroup: "rate", in: $0)) } == ["12.5", "8"])
    let index = UTF8ScalarIndex(subject)
    let scalars = Array(subject.unicodeScalars)
    for match in matches {
      let range = try #require(index.scalarRange(forUTF8Range: match.range))
      let text = String(String.UnicodeScalarView(scalars[range]))
      #expect(text == slice(subject, match.range))
    }
    #expect(try matchedTexts("保本保息|稳赚不赔|名额有限", in: subject) == ["保本保息", "稳赚不赔", "名额有限"])
  }

  /// Emoji (4-byte) and Latin mixed with Chinese.
  @Test func emojiAndMixedLatin() throws {
    let subject = "🚀🚀USDT日返1%🔥加V：abc123 👨‍👩‍👧 月息3分"
    let pattern = try CompiledPattern(#"(?<coin>USDT)日返(?<rate>\d+)%|月息(?<fen>\d)分"#)
    let scratch = MatchScratch()
    let matches = try pattern.allMatches(in: subject, scratch: scratch)
    #expect(matches.count == 2)
    #expect(matches.map { slice(subject, $0.range) } == ["USDT日返1%", "月息3分"])
    // Two rockets are 8 bytes.
    #expect(matches.first?.range.lowerBound == 8)
    #expect(slice(subject, matches.first.flatMap { pattern.range(ofGroup: "rate", in: $0) }) == "1")
    #expect(matches.first.flatMap { pattern.range(ofGroup: "fen", in: $0) } == nil)
    #expect(slice(subject, matches.last.flatMap { pattern.range(ofGroup: "fen", in: $0) }) == "3")
    let index = UTF8ScalarIndex(subject)
    #expect(index.scalarRange(forUTF8Range: matches[0].range) == 2..<10)
    // Each emoji is one scalar except the family, which is five (three people, two ZWJs).
    let scalars = Array(subject.unicodeScalars)
    let last = try #require(index.scalarRange(forUTF8Range: matches[1].range))
    #expect(String(String.UnicodeScalarView(scalars[last])) == "月息3分")
    // A single emoji as a whole match.
    #expect(try matchedTexts(#"\p{Extended_Pictographic}"#, in: "a🔥b") == ["🔥"])
    #expect(try matchedTexts(".", in: "a🔥中") == ["a", "🔥", "中"])
  }

  /// Optional groups that did not participate are `nil`, both inside and after the last set one.
  @Test func unsetOptionalGroups() throws {
    let scratch = MatchScratch()
    let decimal = try CompiledPattern(#"(\d+)(?:\.(\d+))?(%)"#)
    let match = try #require(try decimal.firstMatch(in: "收益5%", scratch: scratch))
    #expect(match.groups.count == 4)
    #expect(slice("收益5%", match.groups[1]) == "5")
    #expect(match.groups[2] == nil)
    #expect(slice("收益5%", match.groups[3]) == "%")

    let alternatives = try CompiledPattern("(a)|(b)")
    let second = try #require(try alternatives.firstMatch(in: "b", scratch: scratch))
    #expect(second.groups == [0..<1, nil, 0..<1])

    let trailing = try CompiledPattern("(a)?b(c)?")
    let bare = try #require(try trailing.firstMatch(in: "中b", scratch: scratch))
    #expect(bare.groups == [3..<4, nil, nil])
    #expect(bare[group: 7] == nil)
  }

  /// `x*` on 中a中: one empty match at every scalar boundary, never inside a character.
  @Test func emptyMatchesStepWholeCodePoints() throws {
    let scratch = MatchScratch()
    let subject = "中a中"
    let star = try CompiledPattern("x*")
    let matches = try star.allMatches(in: subject, scratch: scratch)
    #expect(matches.map(\.range) == [0..<0, 3..<3, 4..<4, 7..<7])
    for match in matches {
      #expect(isScalarBoundary(match.range.lowerBound, in: subject))
    }
    // Same sequence as Python's re.finditer('a*', '中a中'): '', 'a', '', ''.
    let aStar = try CompiledPattern("a*")
    #expect(
      try aStar.allMatches(in: subject, scratch: scratch).map(\.range) == [
        0..<0, 3..<4, 4..<4, 7..<7,
      ])
    // Emoji: empty matches at 0 and 4 only.
    #expect(try star.allMatches(in: "😀", scratch: scratch).map(\.range) == [0..<0, 4..<4])
    // Lookahead-only pattern: empty matches before each 中.
    let lookahead = try CompiledPattern("(?=中)")
    #expect(
      try lookahead.allMatches(in: "中中a中", scratch: scratch).map(\.range) == [
        0..<0, 3..<3, 7..<7,
      ])
    // An empty subject has exactly one empty match.
    #expect(try star.allMatches(in: "", scratch: scratch).map(\.range) == [0..<0])
    // The anchored retry finds the non-empty match at the same position: \b|中+ style.
    let either = try CompiledPattern("|中+")
    #expect(
      try either.allMatches(in: "中中a", scratch: scratch).map(\.range) == [
        0..<0, 0..<6, 6..<6, 7..<7,
      ])
  }

  /// Empty matches over long text terminate and stay linear-ish.
  @Test func emptyMatchesOnLongText() throws {
    let subject = String(repeating: "非法集资😀", count: 2_000)
    let star = try CompiledPattern("x*")
    let matches = try star.allMatches(in: subject, scratch: MatchScratch())
    #expect(matches.count == subject.unicodeScalars.count + 1)
    #expect(matches.allSatisfy { isScalarBoundary($0.range.lowerBound, in: subject) })
  }

  /// `maxMatches` stops early.
  @Test func maxMatches() throws {
    let pattern = try CompiledPattern(#"\d"#)
    var subject = "1中2中3中4"
    let matches = try subject.withUTF8 { buffer in
      try pattern.allMatches(in: buffer, scratch: MatchScratch(), maxMatches: 2)
    }
    #expect(matches.map(\.range) == [0..<1, 4..<5])
  }

  /// Caseless matching of Latin (ASCII and full-width, thanks to UCP) inside Chinese text.
  @Test func caselessLatin() throws {
    let subject = "充值Usdt返利，ＵＳＤＴ理财，usdt；NFT与nft"
    #expect(try matchedTexts("usdt", in: subject, options: .caseless) == ["Usdt", "usdt"])
    #expect(try matchedTexts("ｕｓｄｔ", in: subject, options: .caseless) == ["ＵＳＤＴ"])
    #expect(try matchedTexts("(?i)nft", in: subject) == ["NFT", "nft"])
    #expect(try matchedTexts("usdt", in: subject) == ["usdt"])
    // UCP: \w and \d are Unicode-aware.
    #expect(try matchedTexts(#"\w+"#, in: "收益，abc") == ["收益", "abc"])
  }

  /// `firstMatch(from:)` honours the start, lets lookbehind see before it, and rejects bad starts.
  @Test func startOffsets() throws {
    let subject = "保本保本"
    let pattern = try CompiledPattern("保本")
    let scratch = MatchScratch()
    #expect(try pattern.firstMatch(in: subject, from: 3, scratch: scratch)?.range == 6..<12)
    #expect(try pattern.firstMatch(in: subject, from: 12, scratch: scratch) == nil)
    let behind = try CompiledPattern("(?<=本)保")
    #expect(try behind.firstMatch(in: subject, from: 6, scratch: scratch)?.range == 6..<9)
    #expect(throws: MatchFailure.self) {
      try pattern.firstMatch(in: subject, from: 1, scratch: scratch)
    }
    #expect(throws: MatchFailure.self) {
      try pattern.firstMatch(in: subject, from: 13, scratch: scratch)
    }
    #expect(throws: MatchFailure.self) {
      try pattern.firstMatch(in: subject, from: -1, scratch: scratch)
    }
    do {
      _ = try pattern.firstMatch(in: subject, from: 1, scratch: scratch)
    } catch {
      guard case .other(let code, let message) = error else {
        Issue.record("expected .other, got \(error)")
        return
      }
      #expect(code < 0)
      #expect(!message.isEmpty)
    }
  }

  /// One scratch serves patterns with different group counts (match data grows on demand).
  @Test func scratchGrowsForManyGroups() throws {
    let scratch = MatchScratch()
    let few = try CompiledPattern("(a)")
    let groups = String(repeating: "(中)", count: 40)
    let many = try CompiledPattern(groups)
    let subject = String(repeating: "中", count: 40)
    #expect(try few.firstMatch(in: "a", scratch: scratch)?.groups.count == 2)
    let match = try #require(try many.firstMatch(in: subject, scratch: scratch))
    #expect(match.groups.count == 41)
    #expect(match.groups[40] == 117..<120)
    #expect(try few.firstMatch(in: "ba", scratch: scratch)?.groups == [1..<2, 1..<2])
  }
}

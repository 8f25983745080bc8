import FangfeiText
import Foundation
import FuzzChecks
import Testing

@testable import Fangfei

@Suite("Required literals")
struct RequiredLiteralsTests {
  @Test func literalsAndAlternations() {
    #expect(RequiredLiterals.of("保本保息") == ["保本保息"])
    #expect(RequiredLiterals.of("保本保息|稳赚不赔") == ["保本保息", "稳赚不赔"])
    #expect(RequiredLiterals.of("年化\\s*(?:收益|回报)?率?\\s*(?<rate>\\d+)%") == ["年化"])
    #expect(RequiredLiterals.of("(?:日|月)息\\d+分") == ["日息", "月息"])
    #expect(RequiredLiterals.of("[日月]返") == ["日返", "月返"])
  }

  @Test func chooseTheStrongestFactor() {
    // "拉人头" is longer than "奖" — the longest shortest literal wins.
    #expect(RequiredLiterals.of("拉人头\\S{0,4}奖") == ["拉人头"])
    #expect(RequiredLiterals.of("(?:投资|加盟)\\S{0,4}?共享(?:充电宝|按摩椅)") == ["共享充电宝", "共享按摩椅"])
  }

  @Test func caseIsFoldedAndEscapesRead() {
    #expect(RequiredLiterals.of("(?i)USDT") == ["usdt"])
    #expect(RequiredLiterals.of("\\+v\\x{5FAE}") == ["+v微"])
    #expect(RequiredLiterals.of("\\Qa+b\\E") == ["a+b"])
  }

  @Test func noUsableRequirement() {
    #expect(RequiredLiterals.of("\\d+%") == nil)  // "%" alone is too short
    #expect(RequiredLiterals.of("保本|\\d+") == nil)  // one branch has no literal
    #expect(RequiredLiterals.of("(?:保本)?收") == ["保本收", "收"])  // exact: both spellings
    #expect(RequiredLiterals.of("(a)\\1") == nil)
    #expect(RequiredLiterals.of("保本保息", extended: true) == nil)
    #expect(RequiredLiterals.of("(?:保本)*") == nil)
  }

  /// Every requirement of a concatenation holds together; an alternation gives one group.
  @Test func conjunctions() {
    #expect(RequiredLiterals.analyse("拉人头\\S{0,4}奖励").conjunction == [["拉人头"], ["奖励"]])
    #expect(
      RequiredLiterals.analyse("(?:投资|加盟)\\S{0,4}?共享(?:充电宝|按摩椅)").conjunction
        == [["共享充电宝", "共享按摩椅"], ["加盟", "投资"]])
    #expect(RequiredLiterals.analyse("保本|稳赚\\d+").conjunction == [["保本", "稳赚"]])
    #expect(RequiredLiterals.analyse("(?:年化|月息)(?:\\d+)+收益").conjunction == [["收益"], ["年化", "月息"]])
    #expect(RequiredLiterals.analyse("\\d+%").conjunction == nil)
    #expect(RequiredLiterals.analyse("(?:保本)?\\d+").conjunction == nil)
  }

  @Test func lookaroundsAndAnchorsAddNothing() {
    #expect(RequiredLiterals.of("(?<![a-z])usdt(?![a-z])") == ["usdt"])
    #expect(RequiredLiterals.of("^保本$") == ["保本"])
  }

  /// Prefixes: strings one of which every match starts with.
  @Test func prefixes() {
    func prefixes(_ p: String) -> [String]? { RequiredLiterals.analyse(p).prefixes }
    #expect(prefixes("保本保息") == ["保本保息"])
    #expect(prefixes("(?:日|月)息\\d+分") == ["日息", "月息"])
    #expect(prefixes("[日月]返") == ["日返", "月返"])
    // Zero-width pieces before the first character are looked through.
    #expect(prefixes("(?<![a-z])\\busdt") == ["usdt"])
    #expect(prefixes("^(?=保)保本") == ["保本"])
    // An optional head: both ways a match can start.
    #expect(prefixes("(?:保本)?收") == ["保本收", "收"])
    #expect(prefixes("(?:年化|月息)\\S{0,4}收益") == ["年化", "月息"])
    #expect(prefixes("(?:年化)?\\d+") == nil)
    // Lower-cased, cut to the prefilter's 12 bytes, and a string starting with another dropped.
    #expect(prefixes("(?i)USDT") == ["usdt"])
    #expect(prefixes("年化收益率高达") == ["年化收益"])
    #expect(prefixes("一部|一|二") == ["一", "二"])
    // Too many strings: cut to their first two characters, or their first.
    let many = (0..<80).map { "保本\(Character(UnicodeScalar(0x4E00 + $0)!))" }.joined(separator: "|")
    #expect(prefixes(many) == ["保本"])
    let manyFirsts = (0..<70).map { "\(Character(UnicodeScalar(0x4E00 + $0)!))x" }.joined(separator: "|")
    #expect(prefixes(manyFirsts) == nil)
    // No prefixes: a match may be empty or start anywhere.
    #expect(prefixes("(?:保本)*") == nil)
    #expect(prefixes("x?y?") == nil)
    #expect(prefixes("\\d+元") == nil)
    #expect(prefixes("保本|\\d+") == nil)
    #expect(prefixes(".保本") == nil)
    // \G and backtracking verbs change what a search from each place would find.
    #expect(prefixes("\\G保本") == nil)
    #expect(prefixes("保本\\K") == nil)
    #expect(prefixes("(*COMMIT)保本") == nil)
    #expect(prefixes("保(*SKIP)本") == nil)
    #expect(RequiredLiterals.analyse("保本", extended: true).prefixes == nil)
  }
}

@Suite("Prefilter")
struct PrefilterTests {
  @Test func automatonFindsEveryLiteralAnywhere() {
    let p = Prefilter(
      requirements: [["保本", "稳赚"], ["usdt"], nil, ["年化收益率高达"]], isPatternRule: [true, true, true, true])
    func run(_ s: String) -> [Bool] {
      var t = s
      return t.withUTF8 { p.candidates($0) }
    }
    #expect(run("") == [false, false, true, false])
    #expect(run("稳赚") == [true, false, true, false])
    // The automaton looks for each literal's first 12 bytes ("年化收益" of "年化收益率高达"): a
    // superset.
    #expect(run("xx年化收益率低usdt") == [false, true, true, true])
    #expect(run("xx年化收收益usdt") == [false, true, true, false])
    #expect(Prefilter.key("年化收益率高达") == "年化收益")
    #expect(Prefilter.key("usdt理财产品") == "usdt理财")
    #expect(Prefilter.key("a") == "a")
    #expect(run("年化收益率高达8%保本") == [true, false, true, true])
    #expect(p.alwaysRun == [2])
    #expect(p.literalCount == 4)
  }

  /// A unit whose requirement has several groups runs only when each group is present.
  @Test func conjunctionsNeedEveryGroup() {
    let p = Prefilter(
      conjunctions: [[["拉人头"], ["奖励", "提成"]], [["保本"]], nil, [["usdt"]]], isActive: [true, true, true, false])
    func run(_ s: String) -> [Bool] {
      var t = s
      return t.withUTF8 { p.candidates($0) }
    }
    #expect(run("拉人头") == [false, false, true, false])
    #expect(run("拉人头有提成，保本usdt") == [true, true, true, false])
    #expect(run("奖励拉人头") == [true, false, true, false])
    #expect(p.alwaysRun == [2])
  }

  /// Units with prefixes run only when one occurs, and the scan reports where each starts.
  @Test func prefixPlacesAreReported() {
    let p = Prefilter(
      conjunctions: [[["奖励"]], nil, nil, [["保本"]]], isActive: [true, true, true, true],
      prefixes: [["拉人头"], ["年化", "月息"], nil, nil])
    #expect(p.hasPrefixes == [true, true, false, false])
    #expect(p.alwaysRun == [2])
    func run(_ s: String) -> (units: [Int], places: [(Int, Int)]) {
      var t = s
      var result: [Bool] = []
      var units: [Int] = []
      var places: [Prefilter.Place] = []
      var seen: [UInt16] = []
      _ = t.withUTF8 { p.mark($0, into: &result, units: &units, places: &places, scratch: &seen) }
      return (units, places.map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) })
    }
    // 拉人头 without 奖励: unit 0 does not run, and its places are not reported.
    let a = run("拉人头")
    #expect(a.units == [2])
    #expect(a.places.isEmpty)
    // Byte offsets: "x" is 1 byte, each Han character 3.
    let b = run("x年化8%，月息2分，拉人头有奖励，年化")
    #expect(b.units == [0, 1, 2])
    #expect(b.places.map(\.0) == [0, 1, 1, 1])
    let text = Array("x年化8%，月息2分，拉人头有奖励，年化".utf8)
    for (unit, offset) in b.places {
      let expected = unit == 0 ? "拉人头" : text[offset...].starts(with: Array("年化".utf8)) ? "年化" : "月息"
      #expect(text[offset...].starts(with: Array(expected.utf8)), "unit \(unit) at \(offset)")
    }
    // Upper-case ASCII in the text is found at its own offset.
    let p2 = Prefilter(conjunctions: [nil], isActive: [true], prefixes: [["usdt"]])
    var result: [Bool] = []
    var units: [Int] = []
    var places: [Prefilter.Place] = []
    var seen: [UInt16] = []
    var t = "买USDT"
    _ = t.withUTF8 { p2.mark($0, into: &result, units: &units, places: &places, scratch: &seen) }
    #expect(units == [0] && places == [3])
  }

  /// For every bundled pattern with prefixes, trying it only where the prefilter saw them start
  /// finds exactly the matches of an ordinary search, on the normalised text of every corpus row.
  @Test func searchingFromThePrefixesFindsTheSameMatches() throws {
    let classifier = try Classifier()
    let pack = classifier.pack
    let prefilter = Prefilter(checked: pack.checked)
    let withPrefixes = pack.units.indices.filter { prefilter.hasPrefixes[$0] }
    #expect(withPrefixes.count > pack.units.count / 2)
    let normalizer = try Normalizer()
    let scratch = MatchScratch()
    var result: [Bool] = []
    var units: [Int] = []
    var places: [Prefilter.Place] = []
    var seen: [UInt16] = []
    var compared = 0
    for text in try corpusTexts() {
      let normalized = normalizer.normalize(text)
      try normalized.withUTF8 { bytes in
        _ = prefilter.mark(bytes, into: &result, units: &units, places: &places, scratch: &seen)
        for u in withPrefixes {
          let pattern = pack.units[u].pattern
          let everywhere = try pattern.allMatches(in: bytes, scratch: scratch).map(\.range)
          var placed: [Range<Int>] = []
          let starts = places.filter { $0 >> 32 == u }.map { Int($0 & 0xFFFF_FFFF) }
          try pattern.forEachMatch(in: bytes, at: starts, scratch: scratch) { placed.append($0) }
          // A unit the prefilter does not let run has no match at all.
          if !result[u] { #expect(everywhere.isEmpty, "\(pattern.pattern.prefix(40)) on \(text.prefix(40))") }
          #expect(placed == everywhere, "\(pattern.pattern.prefix(40)) on \(text.prefix(40))")
          if !everywhere.isEmpty { compared += 1 }
        }
      }
    }
    // The comparison saw real matches, not only empty lists.
    #expect(compared > 500)
  }

  /// The automaton against a plain substring search, on random literal sets (several hundred
  /// literals over a few characters, so that states with many children and deep states with
  /// few both occur) and random texts with ASCII in either case.
  @Test func automatonAgreesWithASubstringSearch() {
    var rng = SplitMix64(seed: 0x5EED)
    let alphabet: [String] = ["保", "本", "稳", "赚", "年", "化", "a", "b", "x", "¥"]
    func word(_ length: Int) -> String {
      (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
    }
    for round in 0..<20 {
      let units = 40 + round * 10
      var conjunctions: [[[String]]?] = []
      for _ in 0..<units {
        let groups = 1 + Int(rng.next() % 2)
        conjunctions.append(
          (0..<groups).map { _ in (0..<(1 + Int(rng.next() % 4))).map { _ in word(1 + Int(rng.next() % 6)) } })
      }
      let p = Prefilter(conjunctions: conjunctions, isActive: Array(repeating: true, count: units))
      for _ in 0..<30 {
        var text = word(Int(rng.next() % 40))
        if rng.next() % 2 == 0 { text = text.uppercased() }
        let lower = Array(text.lowercased().utf8)
        let expected = conjunctions.map { groups in
          groups?.allSatisfy { group in
            group.contains { literal in
              let key = Array(Prefilter.key(literal).utf8)
              return lower.count >= key.count
                && (0...(lower.count - key.count)).contains { lower[$0..<($0 + key.count)].elementsEqual(key) }
            }
          } ?? true
        }
        var t = text
        let got = t.withUTF8 { p.candidates($0) }
        #expect(got == expected, "round \(round), text \(text)")
        if got != expected { return }
      }
    }
  }

  /// The same verdicts with and without the prefilter, on every row of the project's corpus and
  /// every sample document.
  @Test func verdictsAreIdenticalWithAndWithoutIt() throws {
    let with = try Classifier(options: .init(usePrefilter: true))
    let without = try Classifier(options: .init(usePrefilter: false))
    let texts = try corpusTexts()
    #expect(texts.count > 600)
    var differing = 0
    for text in texts where with.classify(text) != without.classify(text) {
      differing += 1
      if differing <= 3 { Issue.record("differs: \(text)") }
    }
    #expect(differing == 0)
  }
}

/// Every text of the project's corpus and every text sample document.
private func corpusTexts() throws -> [String] {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus")
  var texts: [String] = []
  for file in ["zh.jsonl", "en.jsonl"] {
    let data = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    for line in data.split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      if let text = object?["text"] as? String { texts.append(text) }
    }
  }
  // Text samples only (the flyer photographs beside them are for OCR).
  for name in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("samples").path)
  where name.hasSuffix(".txt") {
    texts.append(try String(contentsOf: root.appendingPathComponent("samples/\(name)"), encoding: .utf8))
  }
  return texts
}

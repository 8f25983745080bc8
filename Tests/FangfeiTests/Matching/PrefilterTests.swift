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
    #expect(texts.count > 600)
    var differing = 0
    for text in texts where with.classify(text) != without.classify(text) {
      differing += 1
      if differing <= 3 { Issue.record("differs: \(text)") }
    }
    #expect(differing == 0)
  }
}

import Foundation
import Testing

@testable import FangfeiRules

@Suite("Parsing rule files")
struct ParserTests {
  let pack = """
    # A pack
    threshold suspicious 4
    threshold scam 8

    category high-returns       # a comment
      title zh 高额回报
      title en High promised returns
      cap 8
      element 利诱性 publicity

    define RATE (?<rate>\\d+(?:\\.\\d+)?)\\s*%  # a fragment

    rule annual-rate
      category high-returns
      describe zh 承诺高额固定年化收益
      describe en Promises a high fixed annual return
      score 3
      match /年化\\s*(?:收益|回报)率?\\s*(?:高达|达到?)?\\s*{RATE}/
      when rate >= 8
      hit  本平台年化收益高达36%，到期还本      # examples that must match …
      miss 业绩比较基准2.8%-3.5%
      miss 话题 \\#理财\\# 不是承诺

    rule returns-with-guarantee
      describe zh 高额回报与保本承诺同时出现
      score 3
      when high-returns and not annual-rate or count(annual-rate) >= 2 and categories >= 1
    """

  @Test func parsesTheDesignExample() throws {
    let (checked, diags) = PackLoader.check([PackLoader.SourceFile(path: "p.rules", text: pack)])
    #expect(diags.isEmpty, "\(diags)")
    let p = try #require(checked)
    #expect(p.categories.map(\.name) == ["high-returns"])
    #expect(p.categories[0].cap == 8)
    #expect(p.categories[0].titles == ["zh": "高额回报", "en": "High promised returns"])
    #expect(p.categories[0].elements == [.inducement, .publicity])
    #expect(p.rules.map(\.name) == ["annual-rate", "returns-with-guarantee"])
    let rule = p.rules[0]
    #expect(rule.score == 3)
    #expect(rule.descriptions["en"] == "Promises a high fixed annual return")
    #expect(rule.patterns.count == 1)
    #expect(rule.patterns[0].text == "年化\\s*(?:收益|回报)率?\\s*(?:高达|达到?)?\\s*(?:(?<rate>\\d+(?:\\.\\d+)?)\\s*%)")
    #expect(rule.patterns[0].captureNames == ["rate"])
    #expect(rule.condition == .compare(.capture("rate"), .greaterOrEqual, 8))
    #expect(rule.examples.map(\.text) == ["本平台年化收益高达36%，到期还本", "业绩比较基准2.8%-3.5%", "话题 #理财# 不是承诺"])
    #expect(rule.examples.map(\.mustHit) == [true, false, false])
    #expect(rule.examples[0].location == SourceLocation(file: "p.rules", line: 20, column: 8))
    #expect(p.rules[1].isMeta)
    #expect(p.evaluationOrder == [0, 1])
    #expect(p.suspiciousThreshold == 4 && p.scamThreshold == 8)
  }

  @Test func conditionPrecedence() throws {
    let (checked, _) = PackLoader.check([PackLoader.SourceFile(path: "p.rules", text: pack)])
    let c = try #require(checked?.rules[1].condition)
    // `and` binds tighter than `or`; `not` tighter than `and`.
    #expect(
      c
        == .or(
          .and(.category(0), .not(.rule(0))),
          .and(.compare(.countRule(0), .greaterOrEqual, 2), .compare(.categories, .greaterOrEqual, 1))))
  }

  @Test func fragmentLocationsPointAtTheFragmentLine() throws {
    let (checked, _) = PackLoader.check([PackLoader.SourceFile(path: "p.rules", text: pack)])
    let p = try #require(checked?.rules[0].patterns.first)
    // The pattern starts at line 18, column 10 (after "  match /").
    #expect(p.location(atScalar: 0) == SourceLocation(file: "p.rules", line: 18, column: 10))
    // `年化` is two scalars but six UTF-8 bytes: byte 6 is the `\` of `\s*`, column 12.
    #expect(p.location(atUTF8: 6) == SourceLocation(file: "p.rules", line: 18, column: 12))
    // Inside the expansion of {RATE}: the fragment body starts at line 11, column 13.
    let text = p.text
    let inside = try #require(text.range(of: "(?<rate>"))
    let byte = text.utf8.distance(from: text.startIndex, to: inside.lowerBound)
    #expect(p.location(atUTF8: byte) == SourceLocation(file: "p.rules", line: 11, column: 13))
    // The added "(?:" points at the reference `{RATE}`.
    #expect(p.location(atUTF8: byte - 3).line == 18)
  }

  @Test func everyScalarOfAnExpansionHasTheLocationItWasWrittenAt() throws {
    let text = """
      variants 加微 加微信 +v
      define UNIT (?:元|块)
      rule r
        describe zh 甲
        score 1
        match /年化{UNIT}\\d+{~加微}好/
        hit 年化元5加微信好
      """
    let (checked, diags) = PackLoader.check([PackLoader.SourceFile(path: "x.rules", text: text)])
    #expect(diags.filter { $0.severity == .error }.isEmpty, "\(diags)")
    let p = try #require(checked?.rules.first?.patterns.first)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
    func column(_ line: Int, of needle: String) -> Int {
      let hay = lines[line - 1]
      let n = Array(needle.unicodeScalars)
      let start = (0...(hay.count - n.count)).first { hay[$0..<($0 + n.count)].elementsEqual(n) } ?? -1
      return start + 1
    }
    func at(_ line: Int, _ column: Int) -> FangfeiRules.SourceLocation {
      SourceLocation(file: "x.rules", line: line, column: column)
    }
    let s = p.scalars
    let match = column(6, of: "年化")
    let reference = at(6, column(6, of: "{UNIT}"))
    let variant = at(6, column(6, of: "{~加微}"))
    let body = column(2, of: "(?:元")
    var expected: [FangfeiRules.SourceLocation] = []
    expected += [at(6, match), at(6, match + 1)]  // 年化
    expected += Array(repeating: reference, count: 3)  // (?:
    expected += (0..<7).map { at(2, body + $0) }  // (?:元|块) as the fragment wrote it
    expected += [reference]  // )
    let afterReference = column(6, of: "\\d+")
    expected += (0..<4).map { at(6, afterReference + $0) }  // \d+ continues the line
    let spellings = s.count - expected.count - 1
    expected += Array(repeating: variant, count: spellings)  // the variant alternation
    expected += [at(6, column(6, of: "好/"))]  // 好
    #expect(expected.count == s.count, "\(p.text)")
    for (i, e) in expected.enumerated() {
      #expect(p.location(atScalar: i) == e, "scalar \(i) '\(s[i])' of \(p.text)")
    }
    // Past the end: the column after the last scalar.
    #expect(p.location(atScalar: s.count) == at(6, column(6, of: "好/") + 1))
  }

  @Test func slashesCommentsAndEscapes() throws {
    let text = """
      category c
        title zh 甲
      rule a
        category c
        describe zh 乙   # trailing comment
        score -1.5
        match /a#b\\/c [#]/i   # the # inside slashes is part of the pattern
        hit a#b/c #
      """
    let (checked, diags) = PackLoader.check([PackLoader.SourceFile(path: "s.rules", text: text)])
    #expect(diags.filter { $0.severity == .error }.isEmpty, "\(diags)")
    let r = try #require(checked?.rules.first)
    #expect(r.patterns[0].text == "a#b\\/c [#]")
    #expect(r.patterns[0].flags == .caseless)
    #expect(r.descriptions["zh"] == "乙")
    #expect(r.score == -1.5)
    #expect(r.examples[0].text == "a#b/c")
  }

  @Test func captureNamesOfEveryForm() throws {
    let text =
      "category c\n  title zh 甲\nrule a\n  category c\n  describe zh 乙\n  score 1\n  match /(?<a>x)(?P<b>y)(?'c'z)(?<=q)(?<!r)(?:s)/\n  hit xyz\n"
    let (checked, _) = PackLoader.check([PackLoader.SourceFile(path: "s.rules", text: text)])
    #expect(checked?.rules.first?.patterns.first?.captureNames == ["a", "b", "c"])
  }

  @Test func columnsCountScalarsNotBytes() {
    let d = problems(
      "category c\n  title zh 甲\nrule a\n  category c\n  describe zh 乙\n  score 1\n  match /保本保息{X}/\n  hit x\n")
    #expect(d.contains("t.rules:7:14: error: unknown fragment '{X}' (a literal brace is written \\{)"))
  }

  @Test func crlfAndBOM() throws {
    let text =
      "\u{FEFF}category c\r\n  title zh 甲\r\nrule a\r\n  category c\r\n  describe zh 乙\r\n  score 1\r\n  match /x$/\r\n  hit x\r\n"
    let (checked, diags) = PackLoader.check([PackLoader.SourceFile(path: "w.rules", text: text)])
    #expect(diags.filter { $0.severity == .error }.isEmpty, "\(diags)")
    #expect(checked?.rules.first?.patterns.first?.text == "x$")
    #expect(checked?.rules.first?.examples.first?.text == "x")
  }

  @Test func directoryOrderIsStableAndRecursive() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fangfei-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("zh/sub"), withIntermediateDirectories: true)
    for name in ["b.rules", "a.rules", "zh/sub/c.rules", "zh/a.rules", "notes.txt"] {
      try Data("# \(name)\n".utf8).write(to: dir.appendingPathComponent(name))
    }
    let (files, diags) = PackLoader.read([dir.path])
    #expect(diags.isEmpty)
    #expect(
      files.map { String($0.path.dropFirst(dir.path.count + 1)) } == [
        "a.rules", "b.rules", "zh/a.rules", "zh/sub/c.rules",
      ])
    let (_, missing) = PackLoader.read([dir.path + "/nope.rules"])
    #expect(missing.map(\.description) == ["\(dir.path)/nope.rules:1:1: error: no such file or directory"])
  }
}

@Suite("mention declarations")
struct MentionParsingTests {
  @Test func parsesAllKinds() throws {
    let text = "mention quoted\nmention before /警惕|谨防/ within 12   # cue\nmention after /等话术/i within 3\n"
    let (checked, diags) = PackLoader.check([PackLoader.SourceFile(path: "m.rules", text: text)])
    #expect(diags.filter { $0.severity == .error }.isEmpty, "\(diags)")
    let m = try #require(checked?.mentions)
    #expect(m.map(\.kind) == [.quoted, .before, .after])
    #expect(m.map(\.within) == [0, 12, 3])
    #expect(m[1].pattern?.text == "警惕|谨防")
    #expect(m[2].pattern?.text == "等话术")
    #expect(m[2].pattern?.flags == .caseless)
  }

  @Test func diagnostics() {
    let d = problems("mention sideways\nmention before /x/\nmention after /x/ within -1\nmention quoted now\n")
    #expect(d.contains("t.rules:1:9: error: unknown mention kind 'sideways': use 'quoted', 'before' or 'after'"))
    #expect(d.contains("t.rules:2:19: error: 'mention before' needs 'within N' after the pattern (N characters)"))
    #expect(d.contains("t.rules:3:26: error: 'within' takes a whole number of characters from 0 to 1000"))
    #expect(d.contains("t.rules:4:16: error: unexpected text after 'mention quoted'"))
  }
}

@Suite("variants tables")
struct VariantsTests {
  @Test func expandsToAnEscapedAlternationLongestFirst() throws {
    let text = """
      category c
        title zh 甲
      variants 加微 加V 伽微 +v 加微信
      rule r
        category c
        describe zh 乙
        score 1
        match /{~加微}\\d+/
        hit 加微123
      """
    let (checked, diags) = PackLoader.check([PackLoader.SourceFile(path: "v.rules", text: text)])
    #expect(diags.filter { $0.severity == .error }.isEmpty, "\(diags)")
    let p = try #require(checked?.rules.first?.patterns.first)
    #expect(p.text == "(?:加微信|加微|加v|伽微|\\+v)\\d+")
    // Every scalar of the expansion points at the reference.
    #expect(p.location(atScalar: 5) == SourceLocation(file: "v.rules", line: 8, column: 10))
  }

  @Test func diagnostics() {
    let d = problems(
      "variants 加微\nvariants 私聊 丝我 私聊\nvariants 私聊 私我\ncategory c\n  title zh 甲\nrule r\n  category c\n  describe zh 乙\n  score 1\n  match /{~私料}/\n  hit x\n"
    )
    #expect(
      d.contains("t.rules:1:9: error: 'variants' needs a term and at least one variant, e.g. 'variants 加微 加V 加薇'"))
    #expect(d.contains("t.rules:2:16: warning: '私聊' is listed twice for '私聊'"))
    #expect(d.contains("t.rules:3:10: error: duplicate variants term '私聊' (first declared at t.rules:2:10)"))
    #expect(
      d.contains(
        "t.rules:10:10: error: unknown variants term '{~私料}'; did you mean '{~私聊}'? (declare it with 'variants 私料 …')"))
  }
}

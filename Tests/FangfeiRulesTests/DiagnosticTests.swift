import Testing

@testable import FangfeiRules

/// Checks `text` as a one-file pack named t.rules and returns the diagnostics as printed.
func diagnose(_ text: String) -> [String] {
  PackLoader.check([PackLoader.SourceFile(path: "t.rules", text: text)]).1.map(\.description)
}

/// Only the diagnostics that are not about missing thresholds (most tests set none).
func problems(_ text: String) -> [String] {
  diagnose(text).filter {
    !$0.contains("sets no thresholds") && !$0.contains("category 'returns' has no rules") && !$0.contains("prefilter")
  }
}

let header = """
  threshold suspicious 4
  threshold scam 8
  category returns
    title zh 高额回报
    cap 8

  """ + "\n"

@Suite("Diagnostics name file:line:column")
struct DiagnosticTests {
  @Test func unknownDeclaration() {
    #expect(
      problems("rulez foo\n") == [
        "t.rules:1:1: error: unknown declaration 'rulez': expected 'category', 'define', 'rule', 'variants', 'mention' or 'threshold' (keys of a block are indented)"
      ])
  }

  @Test func unknownKeyInRule() {
    let d = problems(
      header + "rule a\n  category returns\n  scor 3\n  match /x/\n  hit x\n  describe zh 甲\n  score 1\n")
    #expect(
      d == [
        "t.rules:9:3: error: unknown key 'scor' in a rule (known: category, describe, score, match, when, hit, miss)"
      ])
  }

  @Test func unknownKeyInCategory() {
    let d = problems("category c\n  title zh 甲\n  capp 3\n")
    #expect(d.contains("t.rules:3:3: error: unknown key 'capp' in a category (known: title, cap, element)"))
  }

  @Test func duplicateRule() {
    let rule = "rule a\n  category returns\n  describe zh 甲\n  score 1\n  match /x/\n  hit x\n"
    let d = problems(header + rule + rule)
    #expect(d == ["t.rules:13:6: error: duplicate rule 'a' (first declared at t.rules:7:6)"])
  }

  @Test func duplicateCategoryAndFragment() {
    let d = problems(
      "category c\n  title zh 甲\ncategory c\n  title zh 乙\ndefine F a\ndefine F b\nrule r\n  category c\n  describe zh 丙\n  score 1\n  match /{F}/\n  hit a\n"
    )
    #expect(d.contains("t.rules:3:10: error: duplicate category 'c' (first declared at t.rules:1:10)"))
    #expect(d.contains("t.rules:6:8: error: duplicate fragment 'F' (first defined at t.rules:5:8)"))
  }

  @Test func unknownCategoryWithSuggestion() {
    let d = problems(header + "rule a\n  category retuns\n  describe zh 甲\n  score 1\n  match /x/\n  hit x\n")
    #expect(d == ["t.rules:8:12: error: unknown category 'retuns'; did you mean 'returns'?"])
  }

  @Test func unknownFragment() {
    let d = problems(
      header + "define RATE \\d+%\nrule a\n  category returns\n  describe zh 甲\n  score 1\n  match /年化{RAT}/\n  hit x\n"
    )
    #expect(
      d.contains(
        "t.rules:12:12: error: unknown fragment '{RAT}'; did you mean '{RATE}'? (a literal brace is written \\{)"))
  }

  @Test func unknownRuleInCondition() {
    let d = problems(header + "rule a\n  describe zh 甲\n  score 1\n  when returns and nothing\n")
    #expect(d == ["t.rules:10:20: error: unknown rule or category 'nothing'"])
  }

  @Test func cycleBetweenMetaRules() {
    let d = problems(
      header + "rule a\n  describe zh 甲\n  score 1\n  when b\nrule b\n  describe zh 乙\n  score 1\n  when c or returns\n"
        + "rule c\n  describe zh 丙\n  score 1\n  when count(a) >= 1\n")
    #expect(d == ["t.rules:7:6: error: cycle between rules: a → b → c → a (a rule cannot depend on itself)"])
  }

  @Test func selfReferenceThroughCategory() {
    let d = problems(header + "rule a\n  category returns\n  describe zh 甲\n  score 1\n  when count(returns) >= 2\n")
    #expect(d == ["t.rules:7:6: error: cycle between rules: a → a (a rule cannot depend on itself)"])
  }

  @Test func conditionOnMissingCapture() {
    let d = problems(
      header
        + "rule a\n  category returns\n  describe zh 甲\n  score 1\n  match /年化(?<r>\\d+)%/\n  when rate >= 8\n  hit 年化9%\n"
    )
    #expect(d == ["t.rules:12:8: error: the pattern of rule 'a' has no capture named 'rate' (it has: r)"])
  }

  @Test func conditionOnMissingCaptureInSecondPattern() {
    let d = problems(
      header
        + "rule a\n  category returns\n  describe zh 甲\n  score 1\n  match /年化(?<rate>\\d+)%/\n  match /月息\\d+分/\n  when rate >= 8\n  hit 年化9%\n"
    )
    #expect(d == ["t.rules:13:8: error: pattern 2 of rule 'a' has no capture named 'rate' (name a group: (?<rate>…))"])
  }

  @Test func annualNeedsPeriod() {
    let d = problems(
      header
        + "rule a\n  category returns\n  describe zh 甲\n  score 1\n  match /年化(?<rate>\\d+)%/\n  when annual(rate) >= 8\n  hit 年化9%\n"
    )
    #expect(
      d == [
        "t.rules:12:15: error: annual(rate) needs a capture named 'period' in the pattern of rule 'a' (年/月/日/周 or year/month/day/week)"
      ])
  }

  @Test func captureInMetaRule() {
    let d = problems(header + "rule a\n  describe zh 甲\n  score 1\n  when rate > 3\n")
    #expect(d == ["t.rules:10:8: error: 'rate' reads a named capture, but rule 'a' has no 'match' pattern"])
  }

  @Test func badNumbers() {
    let d = problems(
      "threshold scam eight\ncategory c\n  title zh 甲\n  cap -2\nrule a\n  category c\n  describe zh 乙\n  score 1.2.3\n  match /x/\n  hit x\n"
    )
    #expect(d.contains("t.rules:1:16: error: bad number 'eight'"))
    #expect(d.contains("t.rules:4:7: error: a cap must be positive, got -2"))
    #expect(d.contains("t.rules:8:9: error: bad number '1.2.3'"))
  }

  @Test func thresholds() {
    let d = problems("threshold suspicious 6\nthreshold scam 5\nthreshold scam 9\nthreshold high 3\n")
    #expect(d.contains("t.rules:2:11: error: the scam threshold (5) is below the suspicious threshold (6)"))
    #expect(d.contains("t.rules:3:11: error: duplicate threshold 'scam' (first set at t.rules:2:11)"))
    #expect(d.contains("t.rules:4:11: error: unknown level 'high': thresholds are 'suspicious' or 'scam'"))
  }

  @Test func missingThresholdsWarnOnce() {
    let d = diagnose(
      "category c\n  title zh 甲\nrule a\n  category c\n  describe zh 乙\n  score 1\n  match /保本/\n  hit 保本\n")
    #expect(
      d == ["t.rules:1:1: warning: the pack sets no thresholds; using 'threshold suspicious 4' and 'threshold scam 8'"])
  }

  @Test func patternSyntax() {
    let d = problems(
      header
        + "rule a\n  category returns\n  describe zh 甲\n  score 1\n  match /保本(保息\n  match /x/q\n  match 保本\n  hit x\n")
    #expect(d.contains("t.rules:11:9: error: unterminated pattern: no closing '/' (write a literal slash as \\/)"))
    #expect(d.contains("t.rules:12:12: error: unknown pattern flag 'q' (known: i, s, x, m)"))
    #expect(d.contains("t.rules:13:9: error: a pattern is written between slashes: /pattern/flags"))
  }

  @Test func conditionSyntax() {
    #expect(
      problems(header + "rule a\n  describe zh 甲\n  score 1\n  when returns and\n") == [
        "t.rules:10:19: error: expected a condition, found end of line"
      ])
    #expect(
      problems(header + "rule a\n  describe zh 甲\n  score 1\n  when (returns or returns\n") == [
        "t.rules:10:27: error: expected ')' to close the '(' at column 8, found end of line"
      ])
    #expect(
      problems(header + "rule a\n  describe zh 甲\n  score 1\n  when count(returns) >= many\n") == [
        "t.rules:10:26: error: expected a number after '>=', found 'many'"
      ])
  }

  @Test func blockStructure() {
    let d = problems("  score 3\nrule\nrule 9a\nrule a b\n")
    #expect(d.contains("t.rules:1:3: error: indented line outside a 'category' or 'rule' block"))
    #expect(d.contains("t.rules:2:5: error: 'rule' needs a name, e.g. 'rule high-returns'"))
    #expect(
      d.contains("t.rules:3:6: error: invalid rule name '9a': use letters, digits, '-' and '_', starting with a letter")
    )
    #expect(d.contains("t.rules:4:8: error: unexpected text after the rule name; keys go on indented lines below it"))
  }

  @Test func ruleWithoutMatchOrWhen() {
    let d = problems(header + "rule a\n  category returns\n  describe zh 甲\n  score 1\n")
    #expect(d == ["t.rules:7:6: error: rule 'a' has neither 'match' nor 'when'"])
  }

  @Test func unknownElement() {
    let d = problems("category c\n  title zh 甲\n  element 利诱性 greed\n")
    #expect(
      d.contains(
        "t.rules:3:15: error: unknown legal element 'greed' (known: illegality 非法性, publicity 公开性, inducement 利诱性, sociality 社会性)"
      ))
  }

  @Test func fragmentCycle() {
    let d = problems(
      header
        + "define A x{B}\ndefine B y{A}\nrule a\n  category returns\n  describe zh 甲\n  score 1\n  match /{A}/\n  hit x\n"
    )
    #expect(d == ["t.rules:8:11: error: fragment cycle: A → B → A"])
  }

  @Test func fiveMistakesFiveDiagnostics() {
    let text =
      header + """
        rule one
          category returns
          describe zh 甲
          weight 2
          score x
          match /a{NOPE}/
          when n > 3
          hit a
        rule one
          describe zh 乙
          score 1
          when one
        """
    let d = problems(text)
    #expect(d.count == 5, "\(d)")
    #expect(d.filter { $0.contains(": error: ") }.count == 5)
    #expect(
      d.map { $0.split(separator: ":").prefix(3).joined(separator: ":") } == [
        "t.rules:10:3", "t.rules:11:9", "t.rules:12:11", "t.rules:13:8", "t.rules:15:6",
      ])
  }
}

@Suite("Lint warnings")
struct LintTests {
  func warnings(_ pattern: String) -> [String] {
    problems(header + "rule a\n  category returns\n  describe zh 甲\n  score 1\n  match /\(pattern)/\n  hit x\n").filter
    {
      $0.contains("warning")
    }
  }

  @Test func nestedQuantifiers() {
    #expect(warnings("(a+)+$").first?.hasPrefix("t.rules:11:10: warning: nested unbounded quantifiers") == true)
    #expect(warnings("x(.*)*x").first?.hasPrefix("t.rules:11:11: warning: nested unbounded quantifiers") == true)
    #expect(warnings("(?:\\w+\\s?)*$").first?.hasPrefix("t.rules:11:10: warning: nested unbounded quantifiers") == true)
    #expect(warnings("((?:ab)+c)*").count == 1)
  }

  @Test func safeRepetitionsAreQuiet() {
    #expect(warnings("(?:保本|保息)+").isEmpty)
    #expect(warnings("(a+)?b").isEmpty)
    #expect(warnings("(?>a+)+$").isEmpty)
    #expect(warnings("(a++)+$").isEmpty)
    #expect(warnings("(a+){2}").isEmpty)
    #expect(warnings("[(a+)]+").isEmpty)
    #expect(warnings("\\(a+\\)+").isEmpty)
    #expect(warnings("(?i)年化\\s*\\d+%").isEmpty)
  }

  @Test func boundaryNextToLatin() {
    let w = warnings("\\bNFT\\b")
    #expect(w.count == 1)
    #expect(w.first?.hasPrefix("t.rules:11:10: warning: \\b next to Latin letters") == true)
    #expect(warnings("\\b(?:usdt|nft)").count == 1)
    #expect(warnings("年化\\b").isEmpty)
  }

  @Test func prefilterLiterals() {
    func prefilterWarnings(_ pattern: String) -> [String] {
      diagnose(header + "rule a\n  category returns\n  describe zh 甲\n  score 1\n  match /\(pattern)/\n  hit x\n")
        .filter {
          $0.contains("prefilter")
        }
    }
    #expect(prefilterWarnings("保本保息|稳赚不赔").isEmpty)
    #expect(prefilterWarnings("年化\\s*\\d+%").isEmpty)
    #expect(
      prefilterWarnings("\\d+%") == [
        "t.rules:7:6: warning: rule 'a' has no literal the prefilter can look for, so it runs on every message; make every pattern (and every branch) contain a fixed word"
      ])
    let single = prefilterWarnings("[日月]\\s*息")
    #expect(single.count == 1)
    #expect(
      single.first?.hasPrefix("t.rules:7:6: warning: the prefilter can only look for single characters such as '")
        == true)
  }

  @Test func missingHitExample() {
    let d = problems(header + "rule a\n  category returns\n  describe zh 甲\n  score 1\n  match /x/\n")
    #expect(d == ["t.rules:7:6: warning: rule 'a' has no 'hit' example"])
  }

  @Test func unusedThings() {
    let d = problems("category c\n  title zh 甲\ndefine F x\n")
    #expect(d.contains("t.rules:1:10: warning: category 'c' has no rules"))
    #expect(d.contains("t.rules:3:8: warning: fragment 'F' is never used"))
  }
}

import Testing

@testable import Fangfei

@Suite("The bundled pack")
struct BundledPackTests {
  @Test func loadsWithoutErrorsOrWarnings() throws {
    let classifier = try Classifier()
    #expect(classifier.diagnostics.map(\.description) == [])
    #expect(classifier.ruleNames.count >= 10)
  }

  @Test func everyRuleExampleHolds() throws {
    let classifier = try #require(bundled)
    let results = ExampleRunner(classifier: classifier).run()
    #expect(results.count >= 40)
    for r in results where !r.passed {
      Issue.record("\(r)")
    }
  }

  @Test func everyTacticFamilyHasARule() throws {
    let classifier = try #require(bundled)
    let categories = Set(
      classifier.pack.checked.rules.compactMap { $0.category }.map {
        classifier.pack.checked.categories[$0].name
      })
    for family in [
      "high-returns", "guaranteed-principal", "official-backing", "buzzword-projects", "recruitment", "elderly-care",
      "sharing-assets", "pressure",
    ] {
      #expect(categories.contains(family), "no rule for \(family)")
    }
  }

  @Test func issueExamples() throws {
    let classifier = try #require(bundled)
    let scam = classifier.classify("本平台年化收益高达36%，保本保息，稳赚不赔")
    #expect(scam.level != .clean)
    #expect(classifier.classify("今天天气不错，晚上一起吃饭").level == .clean)
  }
}

@Suite("Pack compile errors")
struct CompileErrorTests {
  @Test func pcre2ErrorPointsIntoTheFragmentLine() {
    let text = """
      category c
        title zh 甲
      define BAD 年化[z-a]
      rule r
        category c
        describe zh 乙
        score 1
        match /保本{BAD}/
        hit 保本
      """
    do {
      _ = try Classifier(ruleText: text, path: "bad.rules")
      Issue.record("expected a compile error")
    } catch {
      let errors = error.errors.map(\.description)
      #expect(errors.count == 1)
      // "define BAD " is 11 columns; 年化 are 12-13, '[' 14, 'z' 15, '-' 16, 'a' 17: the error
      // is reported on the fragment's own line, not on the `match` line that uses it.
      #expect(errors == ["bad.rules:3:17: error: PCRE2: range out of order in character class"], "\(errors)")
    }
  }

  @Test func pcre2ErrorColumnInAChinesePattern() {
    let text =
      "category c\n  title zh 甲\nrule r\n  category c\n  describe zh 乙\n  score 1\n  match /保本保息[z-a]/\n  hit 保本\n"
    do {
      _ = try Classifier(ruleText: text, path: "bad.rules")
      Issue.record("expected a compile error")
    } catch {
      // "  match /" is 9 columns; 保本保息 are columns 10-13, '[' is 14, 'z' 15, '-' 16, 'a' 17.
      let errors = error.errors.map(\.description)
      #expect(errors == ["bad.rules:7:17: error: PCRE2: range out of order in character class"], "\(errors)")
    }
  }

  @Test func everyErrorOfAPackAtOnce() {
    let text = """
      category c
        title zh 甲
      rule a
        category c
        describe zh 乙
        score 1
        match /(/
        match /[/
        hit x
      rule b
        category nope
        describe zh 丙
        score 1
        match /x{UNKNOWN}/
        hit x
      """
    do {
      _ = try Classifier(ruleText: text, path: "many.rules")
      Issue.record("expected errors")
    } catch {
      // The checker's errors (unknown category, unknown fragment) and PCRE2's (the two broken
      // patterns of rule a) are reported in one run.
      let lines = error.errors.map { $0.location.line }
      #expect(lines == [7, 8, 11, 14], "\(error.errors)")
      #expect(error.errors.filter { $0.message.hasPrefix("PCRE2: ") }.count == 2)
    }
  }
}

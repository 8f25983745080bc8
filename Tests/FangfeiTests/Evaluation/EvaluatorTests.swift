import Foundation
import Testing

@testable import Fangfei

/// A pack small enough to score by hand: suspicious at 2, scam at 4.
private let tinyPack = """
  threshold suspicious 2
  threshold scam 4

  category lure
    title zh 诱饵
  rule guarantee
    category lure
    describe zh 保本
    score 2
    match /保本/
  rule rate
    category lure
    describe zh 高息
    score 2
    match /高息/
  rule warning
    describe zh 提醒
    score -2
    match /警惕/
  rule unused
    describe zh 从不出现
    score 1
    match /永远不会出现的词/
  """

/// Rows whose verdicts under `tinyPack` are worked out by hand in the comments.
private let tinyRows = [
  LabeledMessage(id: "a-1", label: "scam", category: "x", text: "保本高息"),  // 4 scam: TP
  LabeledMessage(id: "a-2", label: "scam", category: "x", text: "保本"),  // 2 suspicious: TP
  LabeledMessage(id: "a-3", label: "scam", category: "y", text: "你好"),  // 0: FN
  LabeledMessage(id: "b-4", label: "ham", text: "警惕保本"),  // 2 - 2 = 0: TN
  LabeledMessage(id: "b-5", label: "ham", text: "高息理财"),  // 2 suspicious: FP
  LabeledMessage(id: "b-6", label: "spam", category: "ad", text: "买一送一"),  // 0: TN
  LabeledMessage(id: "b-7", label: "benign", text: "今天天气不错"),  // 0: TN
  LabeledMessage(id: "b-8", label: "ham", text: "警惕"),  // -2: TN
]

private func tinyClassifier() throws -> Classifier {
  try Classifier(ruleText: tinyPack, path: "tiny.rules")
}

@Suite("Evaluator")
struct EvaluatorTests {
  @Test func confusionCountsAndRates() throws {
    let report = Evaluator(classifier: try tinyClassifier()).evaluate(tinyRows)
    let o = report.overall
    let counts: [Int] = [
      o.rows, o.positives, o.negatives, o.truePositives, o.falsePositives, o.trueNegatives, o.falseNegatives,
    ]
    #expect(counts == [8, 3, 5, 2, 1, 4, 1])
    #expect(o.flagged == 3)
    #expect(o.precision == 2.0 / 3.0)
    #expect(o.recall == 2.0 / 3.0)
    #expect(o.f1 == 4.0 / 6.0)
    #expect(o.falsePositiveRate == 1.0 / 5.0)
    #expect(report.positiveLabels == ["scam"])
  }

  @Test func perLabelAndPerCategoryTables() throws {
    let report = Evaluator(classifier: try tinyClassifier()).evaluate(tinyRows)
    // Positive labels first, then by name.
    #expect(report.labels.map(\.label) == ["scam", "benign", "ham", "spam"])
    #expect(report.labels.map(\.positive) == [true, false, false, false])
    #expect(report.labels.map(\.rows) == [3, 1, 3, 1])
    #expect(report.labels.map(\.flagged) == [2, 0, 1, 0])
    #expect(report.labels[0].flaggedRate == 2.0 / 3.0)
    #expect(report.categories.map(\.label) == ["scam", "scam", "benign", "ham", "spam"])
    #expect(report.categories.map(\.category) == ["x", "y", nil, nil, "ad"])
    #expect(report.categories.map(\.rows) == [2, 1, 1, 3, 1])
    #expect(report.categories.map(\.flagged) == [2, 0, 0, 1, 0])
    #expect(report.categories.map(\.flaggedRate) == [1, 0, 0, 1.0 / 3.0, 0])
  }

  @Test func perRuleHitsAndNeverFiredRules() throws {
    let report = Evaluator(classifier: try tinyClassifier()).evaluate(tinyRows)
    // By hits on negatives (most first), then by name.
    #expect(report.rules.map(\.rule) == ["warning", "guarantee", "rate"])
    #expect(report.rules.map(\.positiveHits) == [0, 2, 1])
    #expect(report.rules.map(\.negativeHits) == [2, 1, 1])
    #expect(report.rules.map(\.falsePositiveHits) == [0, 0, 1])
    #expect(report.rules.map(\.soRatio) == [0, 2.0 / 3.0, 0.5])
    #expect(report.rules.map(\.category) == [nil, "lure", "lure"])
    #expect(report.rules.map(\.score) == [-2, 2, 2])
    #expect(report.rules[1].positiveRate == 2.0 / 3.0)
    #expect(report.rules[0].negativeRate == 2.0 / 5.0)
    #expect(report.neverFired == ["unused"])
  }

  @Test func falsePositivesAndMissesWithTheirQuotes() throws {
    let report = Evaluator(classifier: try tinyClassifier()).evaluate(tinyRows)
    #expect(report.falsePositives.map(\.id) == ["b-5"])
    let fp = try #require(report.falsePositives.first)
    #expect(fp.label == "ham" && fp.category == nil)
    #expect(fp.level == .suspicious && fp.score == 2)
    #expect(fp.hits.map(\.rule) == ["rate"])
    #expect(fp.hits.first?.match == "高息")
    #expect(fp.excerpt == "高息理财")
    #expect(report.misses.map(\.id) == ["a-3"])
    #expect(report.misses.first?.level == .clean)
    #expect(report.misses.first?.hits == [])
  }

  @Test func otherPositiveLabels() throws {
    let report = Evaluator(classifier: try tinyClassifier(), positiveLabels: ["scam", "spam"]).evaluate(tinyRows)
    let o = report.overall
    let counts: [Int] = [o.truePositives, o.falsePositives, o.trueNegatives, o.falseNegatives]
    #expect(counts == [2, 1, 3, 2])
    #expect(report.positiveLabels == ["scam", "spam"])
    #expect(report.labels.map(\.label) == ["scam", "spam", "benign", "ham"])
    #expect(report.misses.map(\.id) == ["a-3", "b-6"])
  }

  @Test func undefinedRatesAreNil() throws {
    let classifier = try tinyClassifier()
    let empty = Evaluator(classifier: classifier).evaluate([])
    #expect(empty.overall.rows == 0)
    #expect(empty.overall.precision == nil)
    #expect(empty.overall.recall == nil)
    #expect(empty.overall.f1 == nil)
    #expect(empty.overall.falsePositiveRate == nil)
    #expect(empty.labels.isEmpty && empty.categories.isEmpty && empty.rules.isEmpty)
    #expect(empty.neverFired == ["guarantee", "rate", "warning", "unused"])

    // Only negatives, none flagged: no precision (nothing flagged), no recall (no positives), FPR 0.
    let quiet = Evaluator(classifier: classifier).evaluate([LabeledMessage(id: "1", label: "ham", text: "你好")])
    #expect(quiet.overall.precision == nil && quiet.overall.recall == nil && quiet.overall.f1 == nil)
    #expect(quiet.overall.falsePositiveRate == 0)

    // Positives, none flagged: precision undefined, recall and F1 are 0, no negatives for an FPR.
    let missed = Evaluator(classifier: classifier).evaluate([LabeledMessage(id: "1", label: "scam", text: "你好")])
    #expect(missed.overall.precision == nil)
    #expect(missed.overall.recall == 0 && missed.overall.f1 == 0)
    #expect(missed.overall.falsePositiveRate == nil)

    // A rule that fired only on negatives in a corpus without positives: no positive rate.
    let negativeOnly = Evaluator(classifier: classifier).evaluate([LabeledMessage(id: "1", label: "ham", text: "保本")])
    #expect(negativeOnly.rules.first?.positiveRate == nil)
    #expect(negativeOnly.rules.first?.negativeRate == 1)
    #expect(negativeOnly.overall.precision == 0)
  }

  @Test func jsonWritesNullForUndefinedRatesAndRoundTrips() throws {
    let classifier = try tinyClassifier()
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let quiet = Evaluator(classifier: classifier).evaluate([LabeledMessage(id: "1", label: "ham", text: "你好")])
    let json = String(decoding: try encoder.encode(quiet), as: UTF8.self)
    #expect(json.contains("\"precision\":null"))
    #expect(json.contains("\"recall\":null"))
    #expect(json.contains("\"falsePositiveRate\":0"))
    #expect(json.contains("\"category\":null"))
    let full = Evaluator(classifier: classifier).evaluate(tinyRows)
    let decoded = try JSONDecoder().decode(EvaluationReport.self, from: try encoder.encode(full))
    #expect(decoded == full)
  }

  @Test func excerptIsTheFirstEightyScalars() {
    let short = String(repeating: "保", count: 80)
    #expect(Evaluator.excerpt(short) == short)
    let long = String(repeating: "保", count: 80) + "本息"
    #expect(Evaluator.excerpt(long) == short + "…")
    #expect(Evaluator.excerpt("") == "")
  }

  @Test func parallelEvaluationKeepsInputOrder() throws {
    let classifier = try tinyClassifier()
    // 1000 rows (many chunks): every tenth is a false positive.
    let rows = (0..<1000).map { i in
      LabeledMessage(id: "r\(i)", label: "ham", text: i % 10 == 0 ? "高息" : "你好")
    }
    let report = Evaluator(classifier: classifier).evaluate(rows)
    #expect(report.overall.falsePositives == 100)
    #expect(report.falsePositives.map(\.id) == stride(from: 0, to: 1000, by: 10).map { "r\($0)" })
  }

  @Test func textReportListsEverySection() throws {
    let report = Evaluator(classifier: try tinyClassifier()).evaluate(tinyRows)
    let text = report.text(showing: 20)
    #expect(
      report.summaryLine
        == "overall: 8 rows (3 positive: scam; 5 negative) | TP 2, FP 1, TN 4, FN 1 | precision 66.7%, "
        + "recall 66.7%, F1 66.7%, FPR 20.00%")
    #expect(text.hasPrefix(report.summaryLine + "\n"))
    for section in ["\nby label\n", "\nby category\n", "\nrules (", "\nnever fired (1):\n  unused\n"] {
      #expect(text.contains(section), "\(section)")
    }
    #expect(text.contains("false positives: 1\n  b-5  ham  suspicious 2  «高息理财»\n      rate「高息」\n"))
    #expect(text.contains("misses: 1\n  a-3  scam/y  clean 0  «你好»\n"))
    let none = report.text(showing: 0)
    #expect(none.contains("false positives: 1 (showing the first 0)\n"))
    #expect(!none.contains("b-5"))
  }

  @Test func textTablesAlignChineseCategories() throws {
    let rows = [
      LabeledMessage(id: "1", label: "scam", category: "欺诈", text: "保本"),
      LabeledMessage(id: "2", label: "ham", category: "ok", text: "你好"),
    ]
    let text = Evaluator(classifier: try tinyClassifier()).evaluate(rows).text()
    // "欺诈" is four columns wide, like "ok" padded to four.
    #expect(text.contains("  scam (+)  欺诈         1        1  100.0%\n"), "\(text)")
    #expect(text.contains("  ham       ok           1        0    0.0%\n"), "\(text)")
  }
}

@Suite("Evaluation splits")
struct EvaluationSplitTests {
  @Test func lastDigitDecides() {
    #expect(EvaluationSplit.odd.contains(id: "chharm-00987"))
    #expect(!EvaluationSplit.even.contains(id: "chharm-00987"))
    #expect(EvaluationSplit.even.contains(id: "zh-0002"))
    #expect(EvaluationSplit.even.contains(id: "10"))
    #expect(!EvaluationSplit.odd.contains(id: "10"))
  }

  @Test func idsNotEndingInADigitAreInNeitherHalf() {
    for id in ["", "zh-1a", "abc", "zh-1１", "7 "] {
      #expect(!EvaluationSplit.even.contains(id: id), "\(id)")
      #expect(!EvaluationSplit.odd.contains(id: id), "\(id)")
    }
  }

  @Test func filterKeepsOrderAndPartitionsDigitIDs() {
    let rows = ["a1", "a2", "a3", "b", "a4"].map { LabeledMessage(id: $0, label: "ham", text: "") }
    #expect(EvaluationSplit.odd.filter(rows).map(\.id) == ["a1", "a3"])
    #expect(EvaluationSplit.even.filter(rows).map(\.id) == ["a2", "a4"])
  }
}

@Suite("Reading labelled JSON Lines")
struct EvaluationInputTests {
  @Test func readsRowsWithAndWithoutOptionalFields() throws {
    let text = """
      {"id": "zh-0001", "label": "scam", "category": "high-returns", "text": "保本保息"}
      {"id": 7, "label": "ham", "category": null, "text": "你好", "extra": [1]}

      {"label": "benign", "text": "警惕"}\r
      {"id": 2.5, "label": "spam", "text": "x"}
      """
    let rows = try LabeledMessageReader.read(Data(("\u{FEFF}" + text).utf8), file: "in.jsonl")
    #expect(rows.map(\.id) == ["zh-0001", "7", "in.jsonl:4", "2.5"])
    #expect(rows.map(\.label) == ["scam", "ham", "benign", "spam"])
    #expect(rows.map(\.category) == ["high-returns", nil, nil, nil])
    #expect(rows.map(\.text) == ["保本保息", "你好", "警惕", "x"])
  }

  @Test(arguments: [
    ("not json", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    (#"{"label": "ham"}"#, #"no "text" field"#),
    (#"{"text": "x"}"#, #"no "label" field"#),
    (#"{"text": 3, "label": "ham"}"#, #""text" is not a string"#),
    (#"{"text": "x", "label": null}"#, #""label" is null"#),
    (#"{"text": "x", "label": "ham", "category": 0}"#, #""category" is not a string"#),
    (#"{"text": "x", "label": "ham", "id": true}"#, #""id" is not a string or a number"#),
  ])
  func badLineNamesTheFileAndLine(line: String, reason: String) {
    let data = Data("{\"text\": \"ok\", \"label\": \"ham\"}\n\(line)\n".utf8)
    #expect(throws: EvaluationInputError.badLine(SourceLocation(file: "f.jsonl", line: 2, column: 1), reason: reason)) {
      try LabeledMessageReader.read(data, file: "f.jsonl")
    }
  }

  @Test func invalidUTF8IsABadLine() {
    var data = Data(#"{"text": ""#.utf8)
    data.append(contentsOf: [0xFF, 0xFE])
    data.append(contentsOf: Array(#"", "label": "ham"}"#.utf8))
    do {
      _ = try LabeledMessageReader.read(data, file: "bin.jsonl")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "bin.jsonl:1: invalid UTF-8")
    }
  }

  @Test func fileErrorsNameTheFile() throws {
    do {
      _ = try LabeledMessageReader.read(path: "/nonexistent/corpus.jsonl")
      Issue.record("expected an error")
    } catch {
      guard case .unreadable(let file, _) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(file == "/nonexistent/corpus.jsonl")
      #expect(error.description.hasPrefix("/nonexistent/corpus.jsonl: cannot read: "))
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fangfei-eval-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: EvaluationInputError.unreadable(file: dir.path, reason: "is a directory")) {
      try LabeledMessageReader.read(path: dir.path)
    }
    let file = dir.appendingPathComponent("rows.jsonl")
    try Data("{\"id\": \"x1\", \"label\": \"scam\", \"text\": \"保本\"}\n".utf8).write(to: file)
    #expect(try LabeledMessageReader.read(path: file.path).map(\.id) == ["x1"])
  }
}

import Foundation
import Testing

/// A temporary directory with a tiny rule pack and labelled rows, removed by `cleanUp()`.
private struct EvalFixture {
  let dir: URL
  let rules: URL
  let corpus: URL

  /// The rows' verdicts under the pack (suspicious at 2, scam at 4) are in the comments.
  static let rows = """
    {"id": "t-01", "label": "scam", "category": "x", "text": "保本高息"}
    {"id": "t-02", "label": "scam", "category": "x", "text": "保本"}
    {"id": "t-03", "label": "scam", "category": null, "text": "你好"}
    {"id": "t-04", "label": "ham", "text": "警惕保本"}
    {"id": "t-05", "label": "ham", "text": "高息理财"}
    {"id": "t-06", "label": "spam", "category": "ad", "text": "保本"}
    {"id": 7, "label": "benign", "text": "今天天气不错"}
    {"id": "t-x", "label": "scam", "text": "保本高息"}

    """
  // t-01 TP (4), t-02 TP (2), t-03 FN (0), t-04 TN (0), t-05 FP (2), t-06 FP (2), 7 TN, t-x TP (4).

  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("fangfei-eval-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    rules = dir.appendingPathComponent("tiny.rules")
    try Data(
      """
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

      """.utf8
    ).write(to: rules)
    corpus = dir.appendingPathComponent("rows.jsonl")
    try Data(Self.rows.utf8).write(to: corpus)
  }

  func cleanUp() {
    try? FileManager.default.removeItem(at: dir)
  }

  func file(_ name: String, _ text: String) throws -> URL {
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }
}

/// The JSON document a run printed.
private func document(_ run: Run) throws -> [String: Any] {
  let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
  return try #require(object as? [String: Any], "\(run.stdout)")
}

@Suite("fangfei eval")
struct EvalCommandTests {
  @Test func jsonReportShape() throws {
    let f = try EvalFixture()
    defer { f.cleanUp() }
    let r = try fangfei(["eval", "--rules", f.rules.path, "--format", "json", f.corpus.path])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try document(r)
    #expect(
      Set(report.keys)
        == ["positiveLabels", "overall", "labels", "categories", "rules", "neverFired", "falsePositives", "misses"])
    let overall = try #require(report["overall"] as? [String: Any])
    #expect(overall["rows"] as? Int == 8)
    #expect(overall["truePositives"] as? Int == 3)
    #expect(overall["falsePositives"] as? Int == 2)
    #expect(overall["trueNegatives"] as? Int == 2)
    #expect(overall["falseNegatives"] as? Int == 1)
    #expect(overall["precision"] as? Double == 0.6)
    #expect(overall["recall"] as? Double == 0.75)
    #expect(overall["falsePositiveRate"] as? Double == 0.5)
    #expect(report["positiveLabels"] as? [String] == ["scam"])
    #expect(report["neverFired"] as? [String] == ["unused"])
    let rules = try #require(report["rules"] as? [[String: Any]])
    #expect(rules.map { $0["rule"] as? String } == ["guarantee", "rate", "warning"])
    #expect(rules.map { $0["positiveHits"] as? Int } == [3, 2, 0])
    #expect(rules.map { $0["negativeHits"] as? Int } == [2, 1, 1])
    let fps = try #require(report["falsePositives"] as? [[String: Any]])
    #expect(fps.map { $0["id"] as? String } == ["t-05", "t-06"])
    let hits = try #require(fps.first?["hits"] as? [[String: Any]])
    #expect(hits.first?["match"] as? String == "高息")
    #expect(fps.first?["excerpt"] as? String == "高息理财")
    #expect(fps.first?["category"] is NSNull)
    let misses = try #require(report["misses"] as? [[String: Any]])
    #expect(misses.map { $0["id"] as? String } == ["t-03"])
  }

  @Test func splitKeepsIDsEndingInAnEvenOrOddDigit() throws {
    let f = try EvalFixture()
    defer { f.cleanUp() }
    let odd = try document(
      try fangfei(["eval", "--rules", f.rules.path, "--format", "json", "--split", "odd", f.corpus.path]))
    let even = try document(
      try fangfei(["eval", "--rules", f.rules.path, "--format", "json", "--split", "even", f.corpus.path]))
    // Odd: t-01, t-03, t-05, 7; even: t-02, t-04, t-06; t-x is in neither.
    #expect((odd["overall"] as? [String: Any])?["rows"] as? Int == 4)
    #expect((even["overall"] as? [String: Any])?["rows"] as? Int == 3)
    #expect((odd["misses"] as? [[String: Any]])?.map { $0["id"] as? String } == ["t-03"])
    #expect((even["falsePositives"] as? [[String: Any]])?.map { $0["id"] as? String } == ["t-06"])
    let bad = try fangfei(["eval", "--rules", f.rules.path, "--split", "third", f.corpus.path])
    #expect(bad.status == 2)
  }

  @Test func positiveLabelsCanBeChanged() throws {
    let f = try EvalFixture()
    defer { f.cleanUp() }
    let r = try fangfei([
      "eval", "--rules", f.rules.path, "--format", "json", "--positive", "scam", "--positive", "spam", f.corpus.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try document(r)
    #expect(report["positiveLabels"] as? [String] == ["scam", "spam"])
    let overall = try #require(report["overall"] as? [String: Any])
    #expect(overall["positives"] as? Int == 5)
    #expect(overall["truePositives"] as? Int == 4)
    #expect(overall["falsePositives"] as? Int == 1)
  }

  @Test func severalFilesAreOneCorpus() throws {
    let f = try EvalFixture()
    defer { f.cleanUp() }
    let more = try f.file("more.jsonl", #"{"label": "ham", "text": "高息"}"# + "\n")
    let r = try fangfei(["eval", "--rules", f.rules.path, "--format", "json", f.corpus.path, more.path])
    let report = try document(r)
    #expect((report["overall"] as? [String: Any])?["rows"] as? Int == 9)
    // A row without an id is named after its file and line.
    let fps = try #require(report["falsePositives"] as? [[String: Any]])
    #expect(fps.map { $0["id"] as? String } == ["t-05", "t-06", "\(more.path):1"])
  }

  @Test func textReport() throws {
    let f = try EvalFixture()
    defer { f.cleanUp() }
    let r = try fangfei(["eval", "--rules", f.rules.path, "--show", "1", f.corpus.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains(
        "overall: 8 rows (4 positive: scam; 4 negative) | TP 3, FP 2, TN 2, FN 1 | precision 60.0%, recall 75.0%, "
          + "F1 66.7%, FPR 50.00%\n"))
    #expect(r.stdout.contains("\nnever fired (1):\n  unused\n"))
    #expect(r.stdout.contains("false positives: 2 (showing the first 1)\n  t-05  ham  suspicious 2  «高息理财»\n"))
    #expect(!r.stdout.contains("t-06"))
    #expect(r.stdout.contains("misses: 1\n  t-03  scam  clean 0  «你好»\n"))
  }

  @Test func badLineExitsTwoNamingFileAndLine() throws {
    let f = try EvalFixture()
    defer { f.cleanUp() }
    let bad = try f.file("bad.jsonl", "{\"label\": \"ham\", \"text\": \"a\"}\n{\"label\": \"ham\"}\n")
    let r = try fangfei(["eval", "--rules", f.rules.path, f.corpus.path, bad.path])
    #expect(r.status == 2)
    #expect(r.stderr == "fangfei: \(bad.path):2: no \"text\" field\n")
    #expect(r.stdout.isEmpty)
  }

  @Test func missingFileAndMissingArgumentsExitTwo() throws {
    let f = try EvalFixture()
    defer { f.cleanUp() }
    let missing = try fangfei(["eval", "--rules", f.rules.path, "/nonexistent/rows.jsonl"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("/nonexistent/rows.jsonl: cannot read: "))
    let none = try fangfei(["eval", "--rules", f.rules.path])
    #expect(none.status == 2)
    #expect(none.stderr.contains("fangfei: "))
  }

  @Test func readsStandardInput() throws {
    let f = try EvalFixture()
    defer { f.cleanUp() }
    let r = try fangfei(["eval", "--rules", f.rules.path, "--format", "json", "-"], input: EvalFixture.rows)
    #expect(r.status == 0, "\(r.stderr)")
    #expect((try document(r)["overall"] as? [String: Any])?["rows"] as? Int == 8)
  }
}

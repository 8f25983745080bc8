import Foundation
import Testing

@Suite("fangfei check")
struct CheckCommandTests {
  @Test func scamTextExitsOneWithSpansThatSliceTheInput() throws {
    let text = "本平台年化收益高达36%，保本保息，稳赚不赔"
    let r = try fangfei(["check", "--format", "json"], input: text + "\n")
    #expect(r.status == 1)
    let object = try #require(try jsonLines(r.stdout).first)
    #expect(object["level"] as? String != "clean")
    let hits = try #require(object["hits"] as? [[String: Any]])
    #expect(!hits.isEmpty)
    let scalars = Array((text + "\n").unicodeScalars)
    for hit in hits {
      guard let start = hit["start"] as? Int, let end = hit["end"] as? Int else { continue }
      #expect(hit["match"] as? String == String(String.UnicodeScalarView(scalars[start..<end])))
    }
  }

  @Test func everydayChatExitsZero() throws {
    let r = try fangfei(["check"], input: "今天天气不错，晚上一起吃饭\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("clean"))
  }

  @Test func linesGiveOneJSONLineEachInOrder() throws {
    let r = try fangfei(["check", "--lines", "--format", "jsonl"], input: "保本保息，年化收益36%\n\n今天天气不错\n")
    #expect(r.status == 1)
    let objects = try jsonLines(r.stdout)
    #expect(objects.count == 3)
    #expect(objects.map { $0["id"] as? Int } == [1, 2, 3])
    #expect(objects.map { $0["level"] as? String } == ["scam", "clean", "clean"])
  }

  @Test func jsonlEchoesIDs() throws {
    let input = """
      {"id": "a", "text": "保本保息，年化收益36%"}
      {"id": 7, "text": "今天天气不错"}
      {"text": "稳赚不赔"}

      """
    let r = try fangfei(["check", "--jsonl", "--format", "jsonl"], input: input)
    #expect(r.status == 1)
    let objects = try jsonLines(r.stdout)
    #expect(objects.count == 3)
    #expect(objects[0]["id"] as? String == "a")
    #expect(objects[1]["id"] as? Int == 7)
    #expect(objects[2]["id"] as? Int == 3)  // no id: the line number
  }

  @Test func badJSONLLineIsReportedAndTheRestProcessed() throws {
    let input = "{\"id\":1,\"text\":\"你好\"}\nnot json\n{\"id\":3}\n{\"id\":4,\"text\":\"保本保息年化36%\"}\n"
    let r = try fangfei(["check", "--jsonl", "--format", "jsonl"], input: input)
    #expect(r.status == 2)
    let objects = try jsonLines(r.stdout)
    #expect(objects.count == 4)
    #expect(objects[1]["error"] as? String == "not valid JSON")
    #expect(objects[2]["error"] as? String == "no \"text\" field")
    #expect(objects[3]["level"] as? String == "scam")
    #expect(r.stderr.contains("<stdin>:2: not valid JSON"))
  }

  @Test func jsonFormatWithSeveralMessagesIsAnArray() throws {
    let r = try fangfei(["check", "--lines", "--format", "json"], input: "a\nb\n")
    let data = Data(r.stdout.utf8)
    let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(array.count == 2)
    #expect(r.status == 0)
  }

  @Test func textFormatHasNoColourWhenPiped() throws {
    let r = try fangfei(["check"], input: "保本保息，年化收益36%")
    #expect(!r.stdout.contains("\u{1B}["))
    #expect(r.stdout.contains("「保本保息」"))
  }

  @Test func usageErrorsExitTwo() throws {
    let r = try fangfei(["check", "--format", "xml"], input: "")
    #expect(r.status == 2)
    #expect(r.stderr.contains("fangfei: "))
    let both = try fangfei(["check", "--lines", "--jsonl"], input: "")
    #expect(both.status == 2)
    let missing = try fangfei(["check", "/nonexistent/file.txt"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("/nonexistent/file.txt: cannot open"))
  }

  @Test func brokenRulesExitTwoNamingTheLine() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fangfei-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("bad.rules")
    try Data("rule x\n  score abc\n".utf8).write(to: file)
    let r = try fangfei(["check", "--rules", file.path], input: "hi")
    #expect(r.status == 2)
    #expect(r.stderr.contains("bad.rules:2:9: error: bad number 'abc'"))
  }

  @Test func worksFromAnyDirectoryWithTheBundledPack() throws {
    let r = try fangfei(
      ["check", packageRoot.appendingPathComponent("corpus/samples/scam-flyer.txt").path],
      directory: URL(fileURLWithPath: "/"))
    #expect(r.status == 1, "\(r.stderr)")
  }

  @Test func englishDescriptions() throws {
    let r = try fangfei(["check", "--lang", "en", "--format", "jsonl"], input: "保本保息")
    #expect(r.stdout.contains("Promises principal and interest are guaranteed"))
  }
}

@Suite("fangfei lint and test")
struct LintAndTestCommandTests {
  @Test func lintPrintsEveryMistake() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fangfei-lint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("five.rules")
    try Data(
      """
      threshold suspicious 4
      threshold scam 8
      category c
        title zh 甲
      rule one
        category c
        weight 2
        describe zh 乙
        score many
        match /年化{NOPE}/
        when rate > 3
        hit 年化
      rule one
        describe zh 丙
        score 1
        when c
      """.utf8
    ).write(to: file)
    let r = try fangfei(["lint", file.path])
    #expect(r.status == 2)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 5, "\(lines)")
    #expect(lines.allSatisfy { $0.hasPrefix(file.path + ":") && $0.contains(": error: ") })
    #expect(r.stderr.contains("5 errors, 0 warnings"))
  }

  @Test func lintStrictFailsOnWarnings() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fangfei-lint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("warn.rules")
    try Data(
      "threshold suspicious 1\nthreshold scam 2\ncategory c\n  title zh 甲\nrule r\n  category c\n  describe zh 乙\n  score 1\n  match /(a+)+$/\n  hit aa\n"
        .utf8
    ).write(to: file)
    #expect(try fangfei(["lint", file.path]).status == 0)
    let strict = try fangfei(["lint", "--strict", file.path])
    #expect(strict.status == 2)
    #expect(strict.stdout.contains("warn.rules:9:10: warning: nested unbounded quantifiers"))
  }

  @Test func lintOfTheBundledPackIsClean() throws {
    let r = try fangfei(["lint", "--strict"])
    #expect(r.status == 0, "\(r.stdout)")
  }

  @Test func testCommandRunsExamples() throws {
    let r = try fangfei(["test"])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(r.stdout.contains(" passed, 0 failed"))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fangfei-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("fail.rules")
    try Data(
      "category c\n  title zh 甲\nrule r\n  category c\n  describe zh 乙\n  score 1\n  match /保本/\n  hit 保息\n  miss 保本\n"
        .utf8
    ).write(to: file)
    let failing = try fangfei(["test", file.path])
    #expect(failing.status == 1)
    #expect(failing.stdout.contains("fail.rules:8:7: FAIL hit r «保息»"))
    #expect(failing.stdout.contains("fail.rules:9:8: FAIL miss r «保本»"))
    #expect(failing.stdout.contains("2 examples: 0 passed, 2 failed"))
  }
}

@Suite("fangfei check in batches")
struct BatchTests {
  @Test func jobsGiveByteIdenticalOutputInInputOrder() throws {
    let corpus = packageRoot.appendingPathComponent("corpus/zh.jsonl").path
    let one = try fangfei(["check", "--jsonl", "--format", "jsonl", "--jobs", "1", corpus])
    let four = try fangfei(["check", "--jsonl", "--format", "jsonl", "--jobs", "4", corpus])
    let byDefault = try fangfei(["check", "--jsonl", "--format", "jsonl", corpus])  // a job a processor
    #expect(one.status == four.status)
    #expect(one.stdout == four.stdout)
    #expect(byDefault.status == one.status)
    #expect(byDefault.stdout == one.stdout)
    let lines = one.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let inputLines = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == inputLines.count)
  }

  /// Inputs of several blocks (the pipeline cuts about 64 KB), with CRLF lines, invalid UTF-8,
  /// an empty line and no final newline: every format gives the same bytes, diagnostics and
  /// status with any number of jobs.
  @Test func jobsGiveIdenticalOutputAcrossBlocksAndFiles() throws {
    let corpus = packageRoot.appendingPathComponent("corpus/zh.jsonl").path
    let texts = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
    }
    var bytes: [UInt8] = []
    var i = 0
    while bytes.count < 300_000 {
      bytes += Array(texts[i % texts.count].replacingOccurrences(of: "\n", with: " ").utf8)
      if i % 997 == 5 { bytes += [0xFF, 0xFE] }
      bytes += i % 13 == 0 ? [0x0D, 0x0A] : [0x0A]
      if i % 501 == 0 { bytes += [0x0A] }
      i += 1
    }
    bytes += Array("保本保息，年化收益36%".utf8)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fangfei-jobs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = dir.appendingPathComponent("a.txt").path
    let b = dir.appendingPathComponent("b.txt").path
    FileManager.default.createFile(atPath: a, contents: Data(bytes))
    FileManager.default.createFile(atPath: b, contents: Data(bytes.prefix(90_000)))
    for args in [
      ["--lines", "--format", "jsonl", a], ["--lines", "--format", "json", a, b], ["--lines", a, b],
      ["--lines", "--format", "jsonl", "--strict-utf8", b],
    ] {
      let one = try fangfei(["check", "--jobs", "1"] + args)
      let three = try fangfei(["check", "--jobs", "3"] + args)
      #expect(one.status == three.status, "\(args)")
      #expect(one.stdout == three.stdout, "\(args)")
      #expect(one.stderr == three.stderr, "\(args)")
      #expect(one.stdout.count > 100_000)
    }
    let one = try fangfei(["check", "--jobs", "1", "--lines", "--format", "jsonl", a])
    let inputLines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
    #expect(one.stdout.split(separator: "\n").count == inputLines)
    #expect(one.stderr.components(separatedBy: "invalid UTF-8").count == 2, "\(one.stderr)")
  }

  @Test func summaryAndNoProgressWhenPiped() throws {
    let r = try fangfei(["check", "--lines", "--format", "jsonl", "--summary"], input: "保本保息，年化收益36%\n你好\n")
    #expect(r.stderr.contains("2 messages, 1 flagged (50.0%)"), "\(r.stderr)")
    #expect(!r.stderr.contains("\r"))  // no live progress line: standard error is not a terminal
  }

  @Test func jobsMustBePositive() throws {
    let r = try fangfei(["check", "--lines", "--jobs", "0"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("--jobs must be at least 1"))
  }
}

@Suite("fangfei check --report")
struct ReportCommandTests {
  @Test func scamFlyerInWuhan() throws {
    let flyer = packageRoot.appendingPathComponent("corpus/samples/scam-flyer.txt").path
    let r = try fangfei(["check", "--report", "--city", "武汉", flyer])
    #expect(r.status == 1)
    #expect(r.stdout.hasPrefix("【红色 高风险】"))
    #expect(r.stdout.contains("027-60830037"))
    #expect(r.stdout.contains("whcf2025@163.com"))
    #expect(r.stdout.contains("下一步"))
    #expect(r.stdout.contains("利诱性"))
  }

  @Test func antiFraudPosterIsGreen() throws {
    let poster = packageRoot.appendingPathComponent("corpus/samples/anti-fraud-poster.txt").path
    let r = try fangfei(["check", "--report", "--city", "武汉市", poster])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(r.stdout.hasPrefix("【绿色 未发现】"))
  }

  @Test func unknownCityIsAClearError() throws {
    let r = try fangfei(["check", "--report", "--city", "火星"], input: "保本保息")
    #expect(r.status == 2)
    #expect(r.stderr.contains("unknown city '火星'; known: 武汉市"))
  }

  @Test func htmlPage() throws {
    let r = try fangfei(["check", "--report", "--format", "html"], input: "<b>保本保息</b>，年化收益36%")
    #expect(r.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(r.stdout.contains("&lt;b&gt;<mark>保本保息</mark>&lt;/b&gt;"))
    let bad = try fangfei(["check", "--format", "html"], input: "x")
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--format html needs --report"))
  }
}

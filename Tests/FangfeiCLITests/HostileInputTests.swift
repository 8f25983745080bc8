import Foundation
import Testing

/// Writes `bytes` to a temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], name: String = "input.txt") throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fangfei-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let url = dir.appendingPathComponent(name)
  try Data(bytes).write(to: url)
  return url
}

@Suite("Hostile input")
struct HostileInputTests {
  let mixed: [UInt8] = Array("ok\n".utf8) + [0xFF, 0xFE] + Array(" bad\n保本保息，年化收益36%\n".utf8)

  @Test func invalidUTF8IsReplacedWithAWarning() throws {
    let file = try temporaryFile(mixed)
    let r = try fangfei(["check", "--lines", "--format", "jsonl", file.path])
    #expect(r.status == 1)
    #expect(try jsonLines(r.stdout).count == 3)
    #expect(r.stderr.contains("\(file.path):2: invalid UTF-8 replaced by U+FFFD"))
  }

  @Test func strictUTF8MakesItAnErrorForThatLineOnly() throws {
    let file = try temporaryFile(mixed)
    let r = try fangfei(["check", "--lines", "--format", "jsonl", "--strict-utf8", file.path])
    #expect(r.status == 2)
    let objects = try jsonLines(r.stdout)
    #expect(objects.count == 3)
    #expect(objects[1]["error"] as? String == "invalid UTF-8")
    #expect(objects[2]["level"] as? String == "scam")
  }

  @Test func nulBytesAreText() throws {
    let file = try temporaryFile(Array("a\u{0}b 保本保息 \u{0} 年化收益36%".utf8))
    let r = try fangfei(["check", "--format", "jsonl", file.path])
    #expect(r.status == 1)
    let hits = try #require(try jsonLines(r.stdout).first?["hits"] as? [[String: Any]])
    #expect(hits.contains { $0["match"] as? String == "保本保息" && $0["start"] as? Int == 4 })
  }

  @Test func emptyInput() throws {
    let lines = try fangfei(["check", "--lines", "--format", "jsonl"], input: "")
    #expect(lines.status == 0)
    #expect(lines.stdout.isEmpty)  // no line in, no line out
    let whole = try fangfei(["check", "--format", "jsonl"], input: "")
    #expect(whole.status == 0)
    #expect(try jsonLines(whole.stdout).first?["level"] as? String == "clean")
  }

  @Test func aOneMegabyteLineAmongShortOnes() throws {
    let long = String(repeating: "今天天气不错，", count: 50_000) + "保本保息，年化收益36%"
    let input = "你好\n" + long + "\n再见\n"
    #expect(input.utf8.count > 1_000_000)
    let r = try fangfei(["check", "--lines", "--format", "jsonl"], input: input)
    let objects = try jsonLines(r.stdout)
    #expect(objects.map { $0["id"] as? Int } == [1, 2, 3])
    #expect(objects[1]["level"] as? String == "scam")
    let hit = try #require((objects[1]["hits"] as? [[String: Any]])?.first { $0["match"] as? String == "保本保息" })
    #expect(hit["start"] as? Int == 350_000)
  }

  @Test func crlfLinesAndNoFinalNewline() throws {
    let r = try fangfei(["check", "--lines", "--format", "jsonl"], input: "a\r\n保本保息，年化收益36%\r\nc")
    let objects = try jsonLines(r.stdout)
    #expect(objects.count == 3)
    let hit = try #require((objects[1]["hits"] as? [[String: Any]])?.first)
    #expect(hit["match"] as? String == "保本保息")
  }

  @Test func hostilePatternIsBoundedAndNamed() throws {
    let rules = try temporaryFile(
      Array(
        """
        threshold suspicious 1
        threshold scam 2
        category c
          title zh 甲
        rule evil
          category c
          describe zh 回溯
          score 1
          match /(a+)+$/
          hit aaa
        rule fine
          category c
          describe zh 正常
          score 1
          match /保本/
          hit 保本

        """.utf8), name: "hostile.rules")
    let start = Date()
    let r = try fangfei(
      ["check", "--rules", rules.path, "--format", "jsonl"], input: "保本 " + String(repeating: "a", count: 5000) + "b")
    #expect(Date().timeIntervalSince(start) < 10)
    let object = try #require(try jsonLines(r.stdout).first)
    #expect(object["limited"] as? [String] == ["evil"])
    #expect((object["hits"] as? [[String: Any]])?.map { $0["rule"] as? String } == ["fine"])
    let lint = try fangfei(["lint", rules.path])
    #expect(lint.stdout.contains("hostile.rules:9:10: warning: nested unbounded quantifiers"))
  }
}

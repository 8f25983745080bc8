import Foundation
import Testing

@testable import Fangfei

@Suite("JSON contract")
struct JSONReportTests {
  @Test func shapeAndKeyOrder() throws {
    let classifier = try #require(bundled)
    let v = classifier.classify("本平台年化收益高达36%，保本保息，稳赚不赔", id: "m1")
    let line = JSONReport.line(for: v)
    #expect(!line.contains("\n"))
    #expect(line.hasPrefix("{\"id\":\"m1\",\"level\":\"scam\",\"score\":"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["id", "level", "score", "hits", "elements"])
    let elements = try #require(object["elements"] as? [[String: Any]])
    #expect(elements.map { $0["element"] as? String } == ["inducement"])
    #expect(elements.first?["name"] as? String == "利诱性")
    #expect((elements.first?["rules"] as? [String])?.contains("annual-rate") == true)
    let hits = try #require(object["hits"] as? [[String: Any]])
    let first = try #require(hits.first { $0["rule"] as? String == "annual-rate" })
    #expect(Set(first.keys) == ["rule", "category", "score", "description", "match", "start", "end", "count"])
    #expect(first["match"] as? String == "年化收益高达36%")
    #expect(first["start"] as? Int == 3)
    #expect(first["end"] as? Int == 12)
  }

  @Test func fastWriterAgreesWithCodable() throws {
    let classifier = try #require(bundled)
    for text in ["保本保息，年化收益36%", "今天天气不错", "警惕\"保本保息\"等话术", "引号\"与\\反斜杠\n换行\u{1}控制"] {
      let v = classifier.classify(text, id: "x")
      let decoded = try JSONDecoder().decode(Verdict.self, from: Data(JSONReport.line(for: v).utf8))
      #expect(decoded == v)
      let viaCodable = try JSONDecoder().decode(Verdict.self, from: JSONEncoder().encode(v))
      #expect(viaCodable == v)
    }
  }

  @Test func escapingAndNumbers() {
    var s = ""
    JSONReport.appendString("a\"b\\c\n\u{1}\u{7F}中", to: &s)
    #expect(s == "\"a\\\"b\\\\c\\n\\u0001\\u007f中\"")
    #expect(JSONReport.number(11) == "11.0")
    #expect(JSONReport.number(-4) == "-4.0")
    #expect(JSONReport.number(2.5) == "2.5")
    #expect(JSONReport.number(-0.0) == "0.0")
  }

  @Test func byteWritersAgreeWithStrings() {
    let scores: [Double] = [0, -0.0, 1, -1, 9, 10, 11, -4, 2.5, -0.25, 1e14, -1e14, 1e15, 1e-7, .infinity, .nan]
    for v in scores {
      var bytes: [UInt8] = []
      JSONReport.appendNumber(v, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == JSONReport.number(v))
    }
    for n in [0, 7, 10, 99, 100, -1, -10, 1_234_567, Int.max, Int.min] {
      var bytes: [UInt8] = []
      JSONReport.appendInteger(n, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == String(n))
    }
    var bytes: [UInt8] = []
    JSONReport.appendString("\u{0}\u{1F}\u{20}\"中\\\r\t\u{7F}\u{80}é", to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == "\"\\u0000\\u001f \\\"中\\\\\\r\\t\\u007f\u{80}é\"")
  }

  /// Scores that are whole thousandths take a fast path: it must print what `description` does.
  @Test func thousandthsAgreeWithDescription() {
    var scores: [Double] = []
    for k in -30_000...30_000 { scores.append(Double(k) / 1000) }
    for k in stride(from: -999_999_999_999, through: 999_999_999_999, by: 7_777_777_777) {
      scores += [Double(k) / 1000, Double(k + 1) / 1000, Double(k) / 8, Double(k) / 3]
    }
    scores += [0.1 + 0.2, 1.0 / 3, 2.675, 0.0005, 0.001, -0.001, 1e-4, 999_999_999.999, 1e12 - 0.5, 1e11 + 0.125]
    for v in scores {
      var bytes: [UInt8] = []
      JSONReport.appendNumber(v, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == JSONReport.number(v), "\(v)")
    }
  }

  @Test func rawIDIsEchoedAsWritten() throws {
    let classifier = try #require(bundled)
    let line = JSONReport.line(for: classifier.classify("你好"), rawID: "42")
    #expect(line.hasPrefix("{\"id\":42,"))
  }
}

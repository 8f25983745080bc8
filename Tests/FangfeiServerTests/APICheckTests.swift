import Fangfei
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FangfeiServer

@Suite struct APICheckTests {
  @Test func scamTextAsJSONIsAScamWithSpansIntoTheText() async throws {
    let server = try makeServer()
    let text = sampleText("scam-flyer.txt")
    var json = "{\"text\":"
    JSONReport.appendString(text, to: &json)
    json += ",\"id\":\"flyer-1\"}"
    let body = json
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body)
      ) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        let verdict = try JSONDecoder().decode(Verdict.self, from: Data(response.body.readableBytesView))
        #expect(verdict.level == .scam)
        #expect(verdict.id == "flyer-1")
        let spanned = verdict.hits.filter { $0.start != nil }
        #expect(!spanned.isEmpty)
        for hit in spanned {
          let start = try #require(hit.start)
          let end = try #require(hit.end)
          #expect(slice(text, start, end) == hit.match, "hit \(hit.rule)")
        }
        // Exactly what `fangfei check --format json` prints for the same message.
        let expected = try #require(sharedClassifier).classify(text, id: "flyer-1")
        #expect(response.text == JSONReport.line(for: expected) + "\n")
      }
    }
  }

  @Test func benignTextAsPlainTextIsClean() async throws {
    let server = try makeServer()
    let text = sampleText("bank-ad.txt")
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "text/plain; charset=utf-8"],
        body: ByteBuffer(string: text)
      ) { response in
        #expect(response.status == .ok)
        let verdict = try JSONDecoder().decode(Verdict.self, from: Data(response.body.readableBytesView))
        #expect(verdict.level == .clean)
        #expect(verdict.id == nil)
      }
    }
  }

  @Test func plainTextScamIsAScam() async throws {
    let server = try makeServer()
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "text/plain"],
        body: ByteBuffer(string: "本平台年化收益高达36%，保本保息，稳赚不赔，拉一个人奖励500元")
      ) { response in
        let verdict = try JSONDecoder().decode(Verdict.self, from: Data(response.body.readableBytesView))
        #expect(verdict.level == .scam)
      }
    }
  }

  @Test func aNumericIDIsEchoedAsANumber() async throws {
    let server = try makeServer()
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "application/json"],
        body: ByteBuffer(string: #"{"text": "今天天气不错", "id": 42}"#)
      ) { response in
        #expect(response.text.hasPrefix(#"{"id":42,"level":"clean""#))
      }
    }
  }

  @Test func aBodyWithoutTextIsABadRequest() async throws {
    let server = try makeServer()
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "application/json"],
        body: ByteBuffer(string: #"{"message": "年化36%"}"#)
      ) { response in
        #expect(response.status == .badRequest)
        #expect(response.text.contains(#""error":"bad_json""#))
      }
    }
  }

  @Test func anUnsupportedMediaTypeIsRefused() async throws {
    let server = try makeServer()
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "application/xml"],
        body: ByteBuffer(string: "<text>年化36%</text>")
      ) { response in
        #expect(response.status == .unsupportedMediaType)
      }
    }
  }

  @Test func anOversizedTextIs413WithAJSONError() async throws {
    let server = try makeServer(limits: ServerLimits(maxTextBytes: 1024))
    let big = String(repeating: "年化收益36%", count: 200)  // 3,200 bytes
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: big)
      ) { response in
        #expect(response.status == .contentTooLarge)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        let error = try JSONDecoder().decode([String: String].self, from: Data(response.body.readableBytesView))
        #expect(error["error"] == "too_large")
        #expect(error["message"]?.contains("1 KB") == true)
      }
      // Just under the limit is fine.
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "text/plain"],
        body: ByteBuffer(string: String(repeating: "a", count: 1024))
      ) { response in
        #expect(response.status == .ok)
      }
    }
  }

  @Test func anOversizedTextIs413OverARealConnection() async throws {
    let server = try makeServer(limits: ServerLimits(maxTextBytes: 1024))
    try await server.application(port: 0).test(.live) { client in
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "text/plain"],
        body: ByteBuffer(string: String(repeating: "x", count: 5000))
      ) { response in
        #expect(response.status == .contentTooLarge)
      }
      try await client.execute(
        uri: "/api/check", method: .post, headers: [.contentType: "text/plain"],
        body: ByteBuffer(string: "保本保息，稳赚不赔，年化收益36%")
      ) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains(#""level":"scam""#))
      }
    }
  }

  @Test func healthzCountsChecksAndErrors() async throws {
    let server = try makeServer(limits: ServerLimits(maxTextBytes: 64))
    let rules = try #require(sharedClassifier).ruleNames.count
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/api/check", method: .post, body: ByteBuffer(string: "年化收益36%，保本保息，稳赚不赔"))
      try await client.execute(uri: "/api/check", method: .post, body: ByteBuffer(string: "晚饭吃什么"))
      try await client.execute(
        uri: "/api/check", method: .post, body: ByteBuffer(string: String(repeating: "长", count: 100)))
      try await client.execute(uri: "/healthz", method: .get) { response in
        #expect(response.status == .ok)
        let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        let health = try #require(object)
        #expect(health["status"] as? String == "ok")
        #expect(health["rules"] as? Int == rules)
        #expect(health["ocr"] as? Bool == false)
        let counters = try #require(health["counters"] as? [String: Int])
        #expect(counters["checks"] == 2)
        #expect(counters["flagged"] == 1)
        #expect(counters["tooLarge"] == 1)
        #expect(counters["errors"] == 1)
        #expect(counters["imageChecks"] == 0)
      }
    }
  }
}

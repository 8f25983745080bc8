import Fangfei
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FangfeiServer

@Suite struct PageTests {
  @Test func theFormIsSelfContainedAndWorksWithoutScript() async throws {
    let server = try makeServer()
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        let page = response.text
        #expect(page.contains(#"<form method="post" action="/check" enctype="multipart/form-data">"#))
        #expect(page.contains(#"<textarea id="text" name="text""#))
        #expect(page.contains(#"<button id="go" type="submit">"#))
        #expect(page.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("//cdn"))
        #expect(!page.contains("<link") && !page.contains("src="))
        // Without OCR the photo button is replaced by a note.
        #expect(!page.contains(#"type="file""#))
        #expect(page.contains("不能识别照片"))
      }
    }
  }

  @Test func withOCRTheFormHasACameraButton() {
    let page = Pages.home(ocrAvailable: true, limits: ServerLimits())
    #expect(
      page.contains(#"<input id="image" class="file" type="file" name="image" accept="image/*" capture="environment">"#)
    )
    #expect(!page.contains("http://") && !page.contains("https://"))
  }

  @Test func aScamFormPostGetsTheRedAnswerWithMarkedEvidence() async throws {
    let server = try makeServer(city: try ContactDirectory.bundled().place(named: "武汉"))
    let text = sampleText("scam-flyer.txt")
    let (body, type) = multipart([
      ("text", nil, nil, Array(text.utf8)), ("image", "", "application/octet-stream", []),
    ])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: type], body: body) { response in
        #expect(response.status == .ok)
        let page = response.text
        #expect(page.contains(#"<div class="answer red">红色 高风险"#))
        let classifier = try #require(sharedClassifier)
        let report = classifier.report(for: classifier.classify(text))
        let first = try #require(report.evidence.first)
        #expect(page.contains("<mark>\(HTMLReport.escape(first.quote))</mark>"))
        #expect(page.contains("下一步"))
        #expect(page.contains("武汉"))
        #expect(page.contains(#"href="tel:96110""#))
        #expect(page.contains("不是违法认定"))
        #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
      }
    }
  }

  @Test func aURLEncodedFormPostWorksToo() async throws {
    let server = try makeServer()
    let form = "text=" + (("保本保息，稳赚不赔，年化收益36%").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/check", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: form)
      ) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains(#"class="answer red""#))
        #expect(response.text.contains("<mark>保本保息"))
      }
    }
  }

  @Test func benignTextIsGreen() async throws {
    let server = try makeServer()
    let (body, type) = multipart([("text", nil, nil, Array(sampleText("everyday-chat.txt").utf8))])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: type], body: body) { response in
        #expect(response.text.contains(#"<div class="answer green">绿色"#))
        #expect(!response.text.contains("<mark>"))
      }
    }
  }

  @Test func hostileTextComesBackEscaped() async throws {
    let server = try makeServer()
    let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> 年化收益36%，保本保息 & \"稳赚不赔\""
    let (body, type) = multipart([("text", nil, nil, Array(hostile.utf8))])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: type], body: body) { response in
        let page = response.text
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&amp; &quot;"))
      }
    }
  }

  @Test func reloadingAnAnswerLeadsBackToTheForm() async throws {
    let server = try makeServer()
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/check", method: .get) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/")
      }
    }
  }

  @Test func headRequestsAreAnswered() async throws {
    let server = try makeServer()
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/", method: .head) { response in
        #expect(response.status == .ok)
        #expect(response.body.readableBytes == 0)
      }
    }
  }

  @Test func anEmptyFormIsABadRequestPage() async throws {
    let server = try makeServer()
    let (body, type) = multipart([("text", nil, nil, Array("  \n ".utf8)), ("image", "", nil, [])])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: type], body: body) { response in
        #expect(response.status == .badRequest)
        #expect(response.text.contains("请输入文字或选择一张照片"))
      }
    }
  }

  @Test func anOversizedFormIs413AsAPage() async throws {
    let server = try makeServer(limits: ServerLimits(maxTextBytes: 1024))
    let (body, type) = multipart([("text", nil, nil, Array(repeating: UInt8(ascii: "a"), count: 4096))])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: type], body: body) { response in
        #expect(response.status == .contentTooLarge)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        #expect(response.text.contains("文字太长"))
      }
    }
  }

  @Test func highlightingUsesScalarOffsetsAndMergesOverlaps() throws {
    let text = "😀年化<36%>保本"
    let json = """
      [{"quote": "年化<36%", "start": 1, "end": 7, "tactic": "t", "explanation": "e"},
       {"quote": "%>保", "start": 6, "end": 9, "tactic": "t", "explanation": "e"},
       {"quote": "bad", "start": 8, "end": 99, "tactic": "t", "explanation": "e"}]
      """
    let evidence = try JSONDecoder().decode([GridReport.Evidence].self, from: Data(json.utf8))
    #expect(HTMLReport.highlighted(text, evidence) == "😀<mark>年化&lt;36%&gt;保</mark>本")
  }
}

import Fangfei
import FangfeiOCR
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FangfeiServer

/// The photo routes around a stand-in reader (what the server does with OCR results), and the
/// refusals that never reach a reader.
@Suite struct ImageRouteTests {
  static let scamText = "本平台年化收益高达36%，保本保息，稳赚不赔，名额有限"

  /// A stand-in reader that "reads" `text` with `confidence` from any image.
  static func fakeOCR(_ text: String, confidence: Double) -> OCRWorkers.Work {
    { _ throws(OCRError) in
      let ocr = OCRResult(text: text, confidence: confidence)
      guard confidence >= FlyerReader.defaultMinimumConfidence else {
        return ImageCheck(ocr: ocr, retake: true, verdict: nil)
      }
      return ImageCheck(ocr: ocr, retake: false, verdict: sharedClassifier?.classify(text))
    }
  }

  @Test func aNonImageUploadIs400WithABilingualMessage() async throws {
    let server = try makeServer(ocr: Self.fakeOCR(Self.scamText, confidence: 90))
    let (body, type) = multipart([("image", "notes.txt", "image/png", Array("这不是图片".utf8))])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/api/check-image", method: .post, headers: [.contentType: type], body: body) {
        response in
        #expect(response.status == .badRequest)
        let error = try JSONDecoder().decode([String: String].self, from: Data(response.body.readableBytesView))
        #expect(error["error"] == "not_an_image")
        #expect(error["message"]?.contains("上传的文件不是图片") == true)
        #expect(error["message"]?.contains("The upload is not an image") == true)
      }
      // A raw body that is not an image, and a page post with one.
      try await client.execute(
        uri: "/api/check-image", method: .post, headers: [.contentType: "image/jpeg"],
        body: ByteBuffer(string: "%PDF-1.7")
      ) { response in
        #expect(response.status == .badRequest)
      }
      let (page, pageType) = multipart([("image", "a.pdf", "application/pdf", Array("%PDF-1.7".utf8))])
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: pageType], body: page) {
        response in
        #expect(response.status == .badRequest)
        #expect(response.text.contains("上传的文件不是图片"))
      }
    }
  }

  @Test func heicGetsItsOwnAdvice() {
    let heic: [UInt8] = [0, 0, 0, 24] + Array("ftypheic".utf8) + Array(repeating: 0, count: 16)
    #expect(ImageFormat(sniffing: heic) == .unsupported("HEIC"))
    #expect(ImageFormat(sniffing: heic).problem?.contains("兼容性最佳") == true)
    #expect(ImageFormat(sniffing: pngLookalike) == .supported("PNG"))
    #expect(ImageFormat(sniffing: [0xFF, 0xD8, 0xFF, 0xE0]) == .supported("JPEG"))
  }

  @Test func withoutOCRAPhotoIs503WithAClearMessage() async throws {
    let server = try makeServer()
    let (body, type) = multipart([("image", "flyer.png", "image/png", pngLookalike)])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/api/check-image", method: .post, headers: [.contentType: type], body: body) {
        response in
        #expect(response.status == .serviceUnavailable)
        #expect(response.text.contains("ocr_unavailable"))
        #expect(response.text.contains("不能识别照片"))
      }
      // Text checks still work.
      try await client.execute(uri: "/api/check", method: .post, body: ByteBuffer(string: Self.scamText)) {
        response in
        #expect(response.status == .ok)
      }
    }
  }

  @Test func anOversizedPhotoIs413() async throws {
    let server = try makeServer(limits: ServerLimits(maxImageBytes: 1000), ocr: Self.fakeOCR("", confidence: 90))
    let big = pngLookalike + Array(repeating: 7, count: 2000)
    let (body, type) = multipart([("image", "big.png", "image/png", big)])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/api/check-image", method: .post, headers: [.contentType: type], body: body) {
        response in
        #expect(response.status == .contentTooLarge)
        #expect(response.text.contains("too_large"))
      }
      try await client.execute(
        uri: "/api/check-image", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: big + Array(repeating: 0, count: GridServer.multipartOverhead))
      ) { response in
        #expect(response.status == .contentTooLarge)
      }
    }
  }

  @Test func theImageAnswerHasTheOCRTextAndTheVerdictContract() async throws {
    let server = try makeServer(ocr: Self.fakeOCR(Self.scamText, confidence: 91.5))
    let (body, type) = multipart([("image", "flyer.png", "image/png", pngLookalike)])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/api/check-image", method: .post, headers: [.contentType: type], body: body) {
        response in
        #expect(response.status == .ok)
        let check = try JSONDecoder().decode(ImageCheck.self, from: Data(response.body.readableBytesView))
        #expect(check.ocr == OCRResult(text: Self.scamText, confidence: 91.5))
        #expect(check.retake == false)
        #expect(check.verdict?.level == .scam)
        let expected = try #require(sharedClassifier).classify(Self.scamText)
        #expect(response.text.hasSuffix(#","verdict":"# + JSONReport.line(for: expected) + "}\n"))
      }
      try await client.execute(uri: "/healthz", method: .get) { response in
        #expect(response.text.contains(#""imageChecks":1"#))
        #expect(response.text.contains(#""ocr":true"#))
      }
    }
  }

  @Test func aBlurryPhotoAsksForARetake() async throws {
    let server = try makeServer(ocr: Self.fakeOCR("年化收益36", confidence: 21))
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: "/api/check-image", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: pngLookalike)
      ) { response in
        #expect(response.text.hasSuffix(#""retake":true,"verdict":null}"# + "\n"))
      }
      let (body, type) = multipart([("text", nil, nil, []), ("image", "blurry.png", "image/png", pngLookalike)])
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: type], body: body) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains("请重拍"))
        #expect(response.text.contains("照片识别可信度 21%"))
        #expect(!response.text.contains(#"class="answer red""#))
      }
    }
  }

  @Test func aPhotoPostedFromThePageShowsTheReadTextHighlighted() async throws {
    let hostile = "<b>年化收益高达36%</b>，保本保息"
    let server = try makeServer(ocr: Self.fakeOCR(hostile, confidence: 88))
    let (body, type) = multipart([("image", "flyer.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3])])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: type], body: body) { response in
        #expect(response.text.contains("照片识别可信度 88%"))
        #expect(response.text.contains(#"<div class="answer red">"#))
        #expect(response.text.contains("<mark>"))
        #expect(response.text.contains("&lt;b&gt;"))
        #expect(!response.text.contains("<b>年化"))
      }
    }
  }

  @Test func aMultipartWithoutAnImagePartIs400() async throws {
    let server = try makeServer(ocr: Self.fakeOCR("", confidence: 90))
    let (body, type) = multipart([("photo", "a.png", "image/png", pngLookalike)])
    try await server.application().test(.router) { client in
      try await client.execute(uri: "/api/check-image", method: .post, headers: [.contentType: type], body: body) {
        response in
        #expect(response.status == .badRequest)
        #expect(response.text.contains("no_image"))
      }
    }
  }
}

/// The real reader on the sample flyer photos. These run once the OCR implementation and
/// corpus/samples/flyer-*.png exist (they are skipped, visibly, before that).
@Suite(.enabled(if: RealOCR.ready, "needs the FlyerReader implementation and corpus/samples/flyer-*.png"))
struct RealImageTests {
  func server() throws -> GridServer {
    try makeServer(reader: RealOCR.reader)
  }

  @Test func theScamFlyerPhotoIsAScamWithSpansIntoTheOCRText() async throws {
    let image = try #require(sample("flyer-scam-clean.png"))
    let (body, type) = multipart([("image", "flyer-scam-clean.png", "image/png", image)])
    try await server().application().test(.router) { client in
      try await client.execute(uri: "/api/check-image", method: .post, headers: [.contentType: type], body: body) {
        response in
        #expect(response.status == .ok)
        let check = try JSONDecoder().decode(ImageCheck.self, from: Data(response.body.readableBytesView))
        #expect(check.retake == false)
        #expect(check.ocr.confidence >= FlyerReader.defaultMinimumConfidence)
        let verdict = try #require(check.verdict)
        #expect(verdict.level == .scam)
        for hit in verdict.hits {
          guard let start = hit.start, let end = hit.end else { continue }
          #expect(slice(check.ocr.text, start, end) == hit.match, "hit \(hit.rule)")
        }
      }
    }
  }

  @Test func theRawImageBodyWorksToo() async throws {
    let image = try #require(sample("flyer-scam-clean.png"))
    try await server().application().test(.router) { client in
      try await client.execute(
        uri: "/api/check-image", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(bytes: image)
      ) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains(#""level":"scam""#))
      }
    }
  }

  @Test func theAntiFraudPosterPhotoIsNotAScam() async throws {
    let image = try #require(sample("flyer-antifraud-clean.png"))
    try await server().application().test(.router) { client in
      try await client.execute(
        uri: "/api/check-image", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(bytes: image)
      ) { response in
        #expect(response.status == .ok)
        let check = try JSONDecoder().decode(ImageCheck.self, from: Data(response.body.readableBytesView))
        #expect(check.retake == false)
        #expect(check.verdict?.level == .clean)
      }
    }
  }

  @Test func theBlurryPhotoAsksForARetake() async throws {
    let image = try #require(sample("flyer-scam-blurry.png"))
    try await server().application().test(.router) { client in
      try await client.execute(
        uri: "/api/check-image", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(bytes: image)
      ) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains(#""retake":true,"verdict":null"#))
      }
    }
  }

  @Test func theFormWithAPhotoGetsARedAnswerAndTheCameraButton() async throws {
    let image = try #require(sample("flyer-scam-clean.png"))
    let (body, type) = multipart([("text", nil, nil, []), ("image", "flyer.png", "image/png", image)])
    try await server().application().test(.router) { client in
      try await client.execute(uri: "/", method: .get) { response in
        #expect(response.text.contains(#"capture="environment""#))
      }
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: type], body: body) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains(#"<div class="answer red">"#))
        #expect(response.text.contains("照片识别可信度"))
        #expect(response.text.contains("<mark>"))
      }
    }
  }
}

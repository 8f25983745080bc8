import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FangfeiServer

@Suite struct FormDataTests {
  func parse(_ text: String, boundary: String = "XyZ") throws -> [FormPart] {
    try FormData.parts(of: ByteBuffer(string: text), boundary: boundary)
  }

  @Test func aBrowserBodyGivesItsParts() throws {
    let (body, type) = multipart([
      ("text", nil, nil, Array("年化36%\r\n第二行".utf8)), ("image", "a; b.png", "image/png", [0x89, 0x50, 0, 13, 10]),
    ])
    let boundary = try #require(FormData.boundary(type))
    let parts = try FormData.parts(of: body, boundary: boundary)
    #expect(parts.count == 2)
    #expect(parts[0].name == "text")
    #expect(parts[0].filename == nil)
    #expect(String(decoding: parts[0].body, as: UTF8.self) == "年化36%\r\n第二行")
    #expect(parts[1].name == "image")
    #expect(parts[1].filename == "a; b.png")
    #expect(parts[1].body == [0x89, 0x50, 0, 13, 10])
  }

  @Test func aPreambleBareLineFeedsAndAMissingCloseAreAccepted() throws {
    let parts = try parse("preamble\r\n--XyZ\nContent-Disposition: form-data; name=text\n\nhello\r\n--XyZ")
    #expect(parts.count == 1)
    #expect(parts[0].name == "text")
    #expect(parts[0].body == Array("hello".utf8))
  }

  @Test func malformedBodiesThrow() {
    #expect(throws: FormData.Malformed.self) { try parse("no boundary at all") }
    #expect(throws: FormData.Malformed.self) {
      try parse("--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\ncut off before the end")
    }
    #expect(throws: FormData.Malformed.self) { try parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\"") }
    #expect(throws: FormData.Malformed.self) { try parse("--XyZjunk") }
    let many =
      String(repeating: "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n", count: 40) + "--XyZ--"
    #expect(throws: FormData.Malformed.self) { try parse(many) }
  }

  /// MultipartKit 4.7.1's parser traps on such header bytes; this one must not.
  @Test func nonASCIIHeaderBytesDoNotCrash() throws {
    var bytes = Array("--XyZ\r\n".utf8) + [0xCF, 0xB0, 0x1B, 0x2B, 0xD1] + Array(": x\r\n\r\nbody\r\n--XyZ--".utf8)
    let parts = try FormData.parts(of: ByteBuffer(bytes: bytes), boundary: "XyZ")
    #expect(parts.count == 1)
    #expect(parts[0].name == nil)
    bytes =
      [0xCF, 0xB0, 0x1B] + Array("--XyZ\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\n".utf8)
      + [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("name=\"image\"; filename=\"a\"--XyZ\r\n".utf8)
    #expect(throws: FormData.Malformed.self) { try FormData.parts(of: ByteBuffer(bytes: bytes), boundary: "XyZ") }
  }

  @Test func hostileMultipartBodiesGetAnAnswerNotACrash() async throws {
    let server = try makeServer(ocr: ImageRouteTests.fakeOCR("", confidence: 90))
    let bodies: [[UInt8]] = [
      Array("--XyZ\r\n".utf8) + [0xFF, 0xFE, 0x80] + Array(": v\r\n\r\n".utf8) + pngLookalike
        + Array("\r\n--XyZ--".utf8),
      Array("--XyZ\r\n\r\n".utf8),
      Self.crashedMultipartKit,
      Array("--XyZ--".utf8),
      [],
    ]
    try await server.application().test(.router) { client in
      for body in bodies {
        for uri in ["/api/check-image", "/check"] {
          try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "multipart/form-data; boundary=XyZ"],
            body: ByteBuffer(bytes: body)
          ) { response in
            #expect(response.status == .badRequest)
          }
        }
      }
    }
  }

  /// The random body that crashed a server built on MultipartKit's parser.
  static let crashedMultipartKit: [UInt8] = [
    207, 176, 27, 43, 209, 43, 150, 45, 45, 88, 121, 90, 13, 10, 67, 111, 110, 116, 101, 110, 116, 45, 68, 105, 115,
    112, 111, 115, 105, 116, 105, 111, 110, 58, 32, 102, 111, 114, 109, 45, 100, 97, 116, 97, 59, 32, 110, 97, 109, 101,
    61, 34, 105, 109, 97, 103, 101, 34, 13, 10, 13, 10, 137, 80, 78, 71, 13, 10, 26, 10, 110, 97, 109, 101, 61, 34, 105,
    109, 97, 103, 101, 34, 59, 32, 102, 105, 108, 101, 110, 97, 109, 101, 61, 34, 97, 34, 45, 45, 88, 121, 90, 13, 10,
    67, 111, 110, 116, 101, 110, 116, 45, 68, 105, 115, 112, 111, 115, 105, 116, 105, 111, 110, 58, 32, 102, 111, 114,
    109, 45, 100, 97, 116, 97, 59, 32, 110, 97, 109, 101, 61, 34, 105, 109, 97, 103, 101, 34, 13, 10, 13, 10, 137, 80,
    78, 71, 13, 10, 26, 10, 13, 10, 13, 10, 45, 45, 88, 121, 90, 13, 10, 67, 111, 110, 116, 101, 110, 116, 45, 68, 105,
    115, 112, 111, 115, 105, 116, 105, 111, 110, 58, 32, 102, 111, 114, 109, 45, 100, 97, 116, 97, 59, 32, 110, 97, 109,
    101, 61, 34, 105, 109, 97, 103, 101, 34, 13, 10, 13, 10, 137, 80, 78, 71, 13, 10, 26, 10, 13, 10, 13, 10, 45, 45,
    88, 121, 90, 13, 10, 207, 176, 27, 43, 209, 43, 150, 229, 185, 180, 229, 140, 150, 51, 54, 37, 228, 191, 157, 230,
    156, 172, 13, 10, 110, 97, 109, 101, 61, 34, 105, 109, 97, 103, 101, 34, 59, 32, 102, 105, 108, 101, 110, 97, 109,
    101, 61, 34, 97, 34,
  ]

  @Test func boundariesAndParametersAreReadFromHeaders() {
    #expect(FormData.boundary("multipart/form-data; boundary=\"a b\"") == "a b")
    #expect(FormData.boundary("Multipart/Form-Data;boundary=XyZ") == "XyZ")
    #expect(FormData.boundary("multipart/form-data; boundary=") == nil)
    #expect(FormData.boundary("multipart/form-data") == nil)
    #expect(FormData.boundary("text/plain; boundary=XyZ") == nil)
    #expect(FormData.boundary("multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
    let p = FormData.parameters(#"form-data; name="image"; filename="x\"; y.png""#)
    #expect(p["name"] == "image")
    #expect(p["filename"] == "x\"; y.png")
  }
}

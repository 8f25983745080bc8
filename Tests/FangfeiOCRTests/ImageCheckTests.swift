import Fangfei
import Foundation
import Testing

@testable import FangfeiOCR

@Test func imageCheckEncodesItsParts() throws {
  let check = ImageCheck(ocr: OCRResult(text: "模糊", confidence: 20), retake: true, verdict: nil)
  let json = try JSONEncoder().encode(check)
  let back = try JSONDecoder().decode(ImageCheck.self, from: json)
  #expect(back == check)
}

import Fangfei
import Foundation
import Testing

@testable import FangfeiOCR

@Suite("The image answer's JSON")
struct ImageCheckTests {
  @Test func aRetakeEncodesItsPartsAndANullVerdict() throws {
    let check = ImageCheck(ocr: OCRResult(text: "模糊\n\"引号\"", confidence: 20), retake: true, verdict: nil)
    #expect(check.jsonLine == #"{"ocr":{"text":"模糊\n\"引号\"","confidence":20.0},"retake":true,"verdict":null}"#)
    let back = try JSONDecoder().decode(ImageCheck.self, from: Data(check.jsonLine.utf8))
    #expect(back == check)
  }

  @Test func aVerdictIsWrittenAsTheJSONContractSays() throws {
    let classifier = try Classifier()
    let text = "年化收益36%，保本保息"
    let check = ImageCheck(
      ocr: OCRResult(text: text, confidence: 88.5), retake: false, verdict: classifier.classify(text))
    let verdict = try #require(check.verdict)
    #expect(check.jsonLine.contains(",\"verdict\":\(JSONReport.line(for: verdict))}"))
    let back = try JSONDecoder().decode(ImageCheck.self, from: Data(check.jsonLine.utf8))
    #expect(back == check)
  }
}

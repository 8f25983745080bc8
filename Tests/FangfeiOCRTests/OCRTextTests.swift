import Testing

@testable import FangfeiOCR

@Suite("Tidying OCR text")
struct OCRTextTests {
  @Test func emptyLinesAndOuterSpacesGo() {
    #expect(OCRText.tidy("  第一行  \n\n \t\n第二行\n\u{0C}") == "第一行\n第二行")
  }

  @Test func spacesBetweenChineseCharactersGo() {
    #expect(OCRText.tidy("保 本 保 息 ， 稳赚 不赔") == "保本保息，稳赚不赔")
  }

  @Test func spacesNextToDigitsAndLatinStay() {
    #expect(OCRText.tidy("年 化 1 8 % 只需 3980 元 WeChat ID") == "年化 1 8 % 只需 3980 元 WeChat ID")
  }

  @Test func straightQuotesPairWithCurlyOnesInChineseLines() {
    #expect(OCRText.tidy("“保本保息\"“稳赚不赔\"") == "“保本保息”“稳赚不赔”")
    #expect(OCRText.tidy("\"到期回购”和\"名额有限\"") == "“到期回购”和“名额有限”")
    #expect(OCRText.tidy("say \"hello\"") == "say \"hello\"")
  }

  @Test func textWithoutWordsIsRecognised() {
    #expect(!OCRText.hasWords(" \n，。 \n"))
    #expect(OCRText.hasWords("，保"))
    #expect(OCRText.hasWords("8"))
  }

  @Test func notAnImageMessageSaysWhatTheDataLooksLike() {
    #expect(ImageDecoder.notAnImageMessage(Array("%PDF-1.7".utf8)).contains("a PDF document"))
    #expect(ImageDecoder.notAnImageMessage(Array("{\"text\": 1}".utf8)).contains("JSON text"))
    #expect(ImageDecoder.notAnImageMessage(Array("年化收益18%".utf8)).contains("which looks like text"))
    let binary = ImageDecoder.notAnImageMessage([0x00, 0x01, 0xFE, 0x41])
    #expect(binary.contains("00 01 FE 41 (\"...A\")"))
    #expect(binary.contains("no image format"))
  }
}

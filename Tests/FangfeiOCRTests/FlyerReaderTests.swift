import Fangfei
import Foundation
import Testing

@testable import FangfeiOCR

@Suite("Reading flyer photos")
struct FlyerReaderTests {
  @Test(
    "Scam flyers are flagged, quoting the key phrases with spans into the OCR text",
    arguments: [
      "flyer-scam-clean.png", "flyer-scam-tilted-noisy.png", "flyer-scam-colour.png", "flyer-scam-uneven-light.png",
    ])
  func scamFlyerIsFlagged(_ name: String) throws {
    let check = try Samples.check(name)
    #expect(!check.retake, "confidence \(check.ocr.confidence)")
    #expect(check.ocr.confidence >= FlyerReader.defaultMinimumConfidence)
    let verdict = try #require(check.verdict)
    #expect(verdict.level == .scam, "\(verdict.level) \(verdict.score)\n\(check.ocr.text)")
    let matches = verdict.hits.compactMap(\.match)
    #expect(matches.contains { $0.contains("保本保息") }, "\(matches)")
    #expect(verdict.hits.contains { $0.rule == "annual-rate" && ($0.match ?? "").contains("年化") }, "\(matches)")
    #expect(verdict.hits.contains { $0.rule == "principal-guarantee" })
    for hit in verdict.hits {
      guard let start = hit.start, let end = hit.end else { continue }
      #expect(Samples.slice(check.ocr.text, start, end) == hit.match, "\(hit.rule) \(start)..<\(end)")
    }
  }

  @Test func ocrTextIsTidy() throws {
    let text = try Samples.check("flyer-scam-clean.png").ocr.text
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count >= 8, "\(text)")
    #expect(!lines.contains { $0.isEmpty || $0.first == " " || $0.last == " " }, "\(text)")
    #expect(text.contains("保本保息，稳赚不赔"), "\(text)")
    #expect(text.contains("年化收益高达18%"), "\(text)")
  }

  @Test func antiFraudPosterIsNotFlagged() throws {
    let check = try Samples.check("flyer-antifraud-clean.png")
    #expect(!check.retake)
    // The poster quotes the slogans; the OCR read them, and the verdict still says clean.
    #expect(check.ocr.text.contains("保本保息"), "\(check.ocr.text)")
    let verdict = try #require(check.verdict)
    #expect(verdict.level == .clean, "\(verdict.hits.map(\.rule))\n\(check.ocr.text)")
  }

  @Test func blurryPhotoAsksForARetake() throws {
    let check = try Samples.check("flyer-scam-blurry.png")
    #expect(check.retake)
    #expect(check.verdict == nil)
    #expect(check.ocr.confidence < FlyerReader.defaultMinimumConfidence)
  }

  @Test func engineBusyPoolGivesTheSameResultsFromManyTasks() async throws {
    let reader = try Samples.reader.get()
    let image = try Samples.bytes("flyer-antifraud-clean.png")
    let before = reader.statistics
    let results = try await withThrowingTaskGroup(of: OCRResult.self) { group in
      for _ in 0..<4 {
        group.addTask { try reader.read(image) }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.count == 4)
    #expect(Set(results).count == 1, "\(results)")
    let sequential = try Samples.check("flyer-antifraud-clean.png").ocr
    #expect(results.first == sequential)
    let after = reader.statistics
    #expect(after.engines == 2)
    #expect(after.images >= before.images + 4)
    #expect(after.busy <= 2 && after.modelLoadSeconds > 0)
  }

  @Test func htmlIsNotAnImage() throws {
    let reader = try Samples.reader.get()
    let html = Array("<!DOCTYPE html><html><body>年化收益18%</body></html>".utf8)
    #expect {
      try reader.read(html)
    } throws: { error in
      guard case .notAnImage(let message) = error as? OCRError else { return false }
      return message.contains("not an image") && message.contains("HTML") && message.contains("3C 21 44 4F")
    }
  }

  @Test func emptyDataIsNotAnImage() throws {
    let reader = try Samples.reader.get()
    #expect(throws: OCRError.notAnImage("没有图片数据 / no image: the data is empty (0 bytes)")) {
      try reader.read([])
    }
  }

  @Test func truncatedPNGIsDamaged() throws {
    let reader = try Samples.reader.get()
    let png = try Samples.bytes("flyer-scam-clean.png")
    let failuresBefore = reader.statistics.failures
    defer { #expect(reader.statistics.failures > failuresBefore) }
    #expect {
      try reader.read(Array(png.prefix(300)))
    } throws: { error in
      guard case .notAnImage(let message) = error as? OCRError else { return false }
      return message.contains("damaged") && message.contains("PNG")
    }
  }

  @Test func hugeImageIsRefusedBeforeDecoding() throws {
    // A valid PNG header claiming 100000 × 100000 pixels, and nothing else.
    let chunk: [UInt8] = Array("IHDR".utf8) + [0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 0, 0, 0, 0]
    let crc = crc32(chunk)
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + chunk
    png += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    png += [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
    #expect {
      try Samples.reader.get().read(png)
    } throws: { error in
      guard case .notAnImage(let message) = error as? OCRError else { return false }
      return message.contains("too large") && message.contains("100000×100000")
    }
  }

  @Test func fewerThanOneEngineMeansOne() throws {
    let reader = try FlyerReader(engines: 0)
    #expect(reader.statistics.engines == 1)
    #expect(reader.statistics.images == 0 && reader.statistics.meanSeconds == nil)
  }

  @Test func missingLanguageDataIsReported() {
    #expect {
      try FlyerReader(language: "xx_none", dataPath: "/nonexistent/tessdata")
    } throws: { error in
      guard case .modelUnavailable(let message) = error as? OCRError else { return false }
      return message.contains("xx_none") && message.contains("/nonexistent/tessdata")
    }
  }
}

/// The CRC-32 of a PNG chunk (type and data).
private func crc32(_ bytes: [UInt8]) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  return ~crc
}

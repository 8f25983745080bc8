import Foundation
import Testing

@Suite("fangfei check --image")
struct ImageCheckCommandTests {
  static let samples = packageRoot.appendingPathComponent("corpus/samples")

  @Test func tesseractIsLoadedForPhotosOnly() throws {
    // LD_DEBUG=libs makes the dynamic loader name every library it opens on standard error.
    let text = try fangfei(["check"], input: "保本保息\n", environment: ["LD_DEBUG": "libs"])
    #expect(text.stderr.contains("libpcre2-8"))  // the trace is there
    #expect(!text.stderr.contains("libtesseract"))
    #expect(!text.stderr.contains("liblept"))
    let path = Self.samples.appendingPathComponent("flyer-scam-clean.png").path
    let photo = try fangfei(["check", "--image", path], environment: ["LD_DEBUG": "libs"])
    #expect(photo.status == 1)
    #expect(photo.stderr.contains("libtesseract"))
  }

  @Test func scamFlyerPhotoIsFlaggedWithSpansIntoTheOCRText() throws {
    let path = Self.samples.appendingPathComponent("flyer-scam-clean.png").path
    let r = try fangfei(["check", "--image", path, "--format", "json"])
    #expect(r.status == 1, "\(r.stderr)")
    let object = try #require(try jsonLines(r.stdout).first)
    #expect(object["retake"] as? Bool == false)
    let ocr = try #require(object["ocr"] as? [String: Any])
    let text = try #require(ocr["text"] as? String)
    #expect(text.contains("保本保息"))
    #expect((ocr["confidence"] as? Double ?? 0) >= 60)
    let verdict = try #require(object["verdict"] as? [String: Any])
    #expect(verdict["level"] as? String == "scam")
    let hits = try #require(verdict["hits"] as? [[String: Any]])
    let scalars = Array(text.unicodeScalars)
    var spans = 0
    for hit in hits {
      guard let start = hit["start"] as? Int, let end = hit["end"] as? Int else { continue }
      spans += 1
      #expect(end <= scalars.count)
      guard end <= scalars.count else { continue }
      #expect(hit["match"] as? String == String(String.UnicodeScalarView(scalars[start..<end])))
    }
    #expect(spans > 0)
  }

  @Test func blurryPhotoAsksForARetakeWithExitThree() throws {
    let path = Self.samples.appendingPathComponent("flyer-scam-blurry.png").path
    let r = try fangfei(["check", "--image", path])
    #expect(r.status == 3, "\(r.stderr)")
    #expect(r.stdout.contains("retake"))
    #expect(r.stdout.contains("请重拍"))
  }

  @Test func textFileIsNotAnImage() throws {
    let path = Self.samples.appendingPathComponent("scam-flyer.txt").path
    let r = try fangfei(["check", "--image", path, "--format", "jsonl"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("scam-flyer.txt: 这不是图片 / not an image"), "\(r.stderr)")
    let object = try #require(try jsonLines(r.stdout).first)
    #expect((object["error"] as? String)?.contains("not an image") == true)
  }

  @Test func imageAndLinesAreAUsageError() throws {
    let r = try fangfei(["check", "--image", "a.png", "--lines"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("--image cannot be combined"))
  }
}

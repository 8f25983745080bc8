import ArgumentParser
import Dispatch
import Fangfei
import FangfeiOCR
import FangfeiServer
import Foundation

/// `fangfei serve`: the grid worker's page and the JSON API.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serves the grid worker's phone page and a JSON API (防非网页与接口).",
    discussion: """
      A phone-sized page at / where a grid worker (网格员) types or photographs a flyer and gets a \
      red/yellow/green answer with the evidence, next steps and whom to call; and a JSON API: \
      POST /api/check (application/json {"text": …} or text/plain), POST /api/check-image \
      (multipart/form-data field "image", or the raw image), GET /healthz. \
      By default only this machine can connect (127.0.0.1). To serve phones over this laptop's \
      hotspot or a LAN, pass --host with this machine's address on that network (e.g. \
      --host 192.168.43.1, see 'ip -4 addr') or --host 0.0.0.0 for every interface, then open \
      http://ADDRESS:PORT/ on the phone. Text and photos are handled in memory, never stored; nothing \
      is logged but counts (GET /healthz). Without a usable OCR model the server still checks text \
      and answers photo requests with 503. Stops gracefully on Ctrl-C (SIGINT) or SIGTERM.
      """
  )

  @Option(
    help: ArgumentHelp(
      "The address to listen on: 127.0.0.1 (this machine only), this machine's hotspot/LAN address to serve phones, or 0.0.0.0 for every interface.",
      valueName: "address"))
  var host = "127.0.0.1"

  @Option(help: "The TCP port (0 picks a free one; the start-up line shows it).")
  var port = 8080

  @Option(help: "The city or prefecture whose reporting contact the answers show (e.g. 武汉 or 武汉市).")
  var city: String?

  @OptionGroup var pack: PackOptions

  @Option(name: [.customLong("language"), .customLong("lang")], help: "Language of the explanations: zh or en.")
  var language: Language = .zh

  @Option(help: "How many photos are read (OCR) at the same time, each on its own thread.")
  var ocrJobs = 2

  @Option(help: "OCR confidence (0–100) below which a photo gets \"请重拍 / please retake\".")
  var minConfidence = FlyerReader.defaultMinimumConfidence

  @Flag(help: "Do not load the OCR model: serve text checks only (photo requests get 503).")
  var noOcr = false

  func validate() throws {
    if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    if ocrJobs < 1 { throw ValidationError("--ocr-jobs must be at least 1") }
    if !(0...100).contains(minConfidence) { throw ValidationError("--min-confidence must be between 0 and 100") }
  }

  func run() throws {
    let classifier = try pack.classifier()
    let (contacts, place) = try reportingContacts(city: city)
    var reader: FlyerReader?
    var ocrProblem: String?
    if noOcr {
      ocrProblem = "turned off with --no-ocr"
    } else {
      do {
        reader = try FlyerReader(engines: ocrJobs)
      } catch {
        ocrProblem = Self.describe(error)
        Console.error(
          "照片识别不可用 / OCR unavailable (\(Self.describe(error))): serving text checks only; photo requests get 503")
      }
    }
    let server = GridServer(
      configuration: ServerConfiguration(
        classifier: classifier, reader: reader, ocrUnavailableReason: ocrProblem, city: place,
        national: contacts.national, language: language, minimumConfidence: minConfidence,
        limits: ServerLimits(ocrJobs: ocrJobs)))
    let host = self.host
    let app = server.application(host: host, port: port) { port in
      let shown = host.contains(":") ? "[\(host)]" : host
      var line = "防非服务已启动 / serving on http://\(shown):\(port)/"
      if host == "0.0.0.0" || host == "::" { line += " (on a phone: http://<this machine's address>:\(port)/)" }
      Console.error(line + " — Ctrl-C 停止 / to stop")
    }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      do {
        try await app.runService()
      } catch {
        outcome.record(error)
      }
      done.signal()
    }
    done.wait()
    if let error = outcome.error {
      Console.error("cannot serve on \(host):\(port): \(error)")
      throw ExitCode(2)
    }
  }

  /// One line for an OCR error.
  static func describe(_ error: OCRError) -> String {
    switch error {
    case .notAnImage(let s), .modelUnavailable(let s), .recognitionFailed(let s): s
    }
  }

  /// The server's error, handed from its task to the waiting thread.
  private final class Outcome: @unchecked Sendable {
    // Safety: written once by the server task before it signals; read after the wait.
    private let lock = NSLock()
    private var stored: (any Error)?

    func record(_ error: any Error) {
      lock.lock()
      stored = error
      lock.unlock()
    }

    var error: (any Error)? {
      lock.lock()
      defer { lock.unlock() }
      return stored
    }
  }
}

import Fangfei
import FangfeiOCR
import Foundation
import Hummingbird

/// `fangfei serve`: the grid worker's page and the JSON API over one classifier and, when
/// available, one flyer reader.
///
/// Routes:
/// - `GET /` — the form (text box, photo button, submit), usable without JavaScript;
/// - `POST /check` — the form's target (`multipart/form-data` or URL-encoded): the answer page;
/// - `POST /api/check` — `application/json` `{"text": …, "id": …}` or `text/plain`: the verdict
///   exactly as `fangfei check --format json` prints it;
/// - `POST /api/check-image` — `multipart/form-data` with an `image` part, or the raw image:
///   `{"ocr": {"text", "confidence"}, "retake": …, "verdict": {…} | null}`;
/// - `GET /healthz` — status, rule count, OCR availability and request counters.
///
/// Requests are handled in memory and never stored; nothing about a request is logged.
///
/// ```swift
/// let server = GridServer(configuration: ServerConfiguration(classifier: try Classifier()))
/// try await server.application(host: "127.0.0.1", port: 8080).runService()
/// ```
public struct GridServer: Sendable {
  /// What the server serves with.
  public let configuration: ServerConfiguration
  let counters = ServerCounters()
  let workers: OCRWorkers?

  /// Creates a server; OCR threads start on the first photo.
  public init(configuration: ServerConfiguration) {
    var work: OCRWorkers.Work?
    if let reader = configuration.reader {
      let classifier = configuration.classifier
      let language = configuration.language
      let minimum = configuration.minimumConfidence
      work = { image throws(OCRError) in
        try reader.check(image, with: classifier, minimumConfidence: minimum, language: language)
      }
    }
    self.init(configuration: configuration, ocrWork: work)
  }

  /// Creates a server whose photos are read by `ocrWork` (nil: no OCR) — the reader's stand-in
  /// in tests of the pipeline around it.
  init(configuration: ServerConfiguration, ocrWork: OCRWorkers.Work?) {
    self.configuration = configuration
    workers = ocrWork.map { work in
      OCRWorkers(threads: configuration.limits.ocrJobs, maxQueued: configuration.limits.maxQueuedImages, work: work)
    }
  }

  /// The router with every route (for `Application(router:)`, or HummingbirdTesting).
  public func router() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: CountingMiddleware(counters: counters))
    router.get("/") { _, _ in self.home() }
    router.post("/check") { request, _ in await self.checkPage(request) }
    // Reloading or bookmarking an answer page leads back to the form.
    router.get("/check") { _, _ in Response(status: .seeOther, headers: [.location: "/"]) }
    router.post("/api/check") { request, _ in await self.apiCheck(request) }
    router.post("/api/check-image") { request, _ in await self.apiCheckImage(request) }
    router.get("/healthz") { _, _ in self.health() }
    return router
  }

  /// The application: HTTP/1.1 on `host:port` (port 0 picks a free one), with the idle timeout of
  /// the limits and a logger that logs nothing about requests. Run it with `runService()`, which
  /// shuts down gracefully on SIGINT and SIGTERM.
  /// - Parameter onServerRunning: Called with the bound port once the server listens.
  public func application(
    host: String = "127.0.0.1", port: Int = 8080, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> Application<RouterResponder<BasicRequestContext>> {
    let idle = configuration.limits.idleTimeout
    let (seconds, atto) = idle.components
    var app = Application(
      router: router(),
      server: .http1(configuration: .init(idleTimeout: .nanoseconds(seconds * 1_000_000_000 + atto / 1_000_000_000))),
      configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) }
    )
    // Only failures to start are worth a line, and those reach the caller as errors.
    app.logger.logLevel = .critical
    return app
  }

  // MARK: - Routes

  private func home() -> Response {
    html(.ok, Pages.home(ocrAvailable: workers != nil, limits: configuration.limits), script: true)
  }

  private func health() -> Response {
    var out = "{\"status\":\"ok\",\"rules\":\(configuration.classifier.ruleNames.count),"
    out += "\"ocr\":\(workers != nil),\"ocrJobs\":\(workers == nil ? 0 : configuration.limits.ocrJobs),"
    if workers == nil, let reason = configuration.ocrUnavailableReason {
      out += "\"ocrProblem\":"
      JSONReport.appendString(reason, to: &out)
      out += ","
    }
    out += "\"counters\":\(counters.json)}\n"
    return json(.ok, out)
  }

  private func apiCheck(_ request: Request) async -> Response {
    let type = FormData.mediaType(request.headers[.contentType])
    guard type == nil || type == "application/json" || type == "text/plain" else {
      return jsonError(.unsupportedMediaType, Problem.textMediaType)
    }
    let body: ByteBuffer
    do {
      body = try await collect(request, limit: configuration.limits.maxTextBytes)
    } catch {
      return jsonError(error.status, error.problem(limit: configuration.limits.maxTextBytes, image: false))
    }
    let text: String
    var id: String?
    var rawID: String?
    if type == "application/json" {
      guard let input = try? JSONDecoder().decode(JSONMessage.self, from: Data(body.readableBytesView)) else {
        return jsonError(.badRequest, Problem.badJSON)
      }
      (text, id, rawID) = (input.text, input.id, input.rawID)
    } else {
      text = String(decoding: body.readableBytesView, as: UTF8.self)
    }
    let verdict = configuration.classifier.classify(text, id: id, language: configuration.language)
    ServerCounters.bump(counters.checks)
    if verdict.isFlagged { ServerCounters.bump(counters.flagged) }
    return json(.ok, JSONReport.line(for: verdict, rawID: rawID) + "\n")
  }

  private func apiCheckImage(_ request: Request) async -> Response {
    let contentType = request.headers[.contentType]
    let limit = configuration.limits.maxImageBytes
    let body: ByteBuffer
    do {
      body = try await collect(request, limit: limit + Self.multipartOverhead)
    } catch {
      return jsonError(error.status, error.problem(limit: limit, image: true))
    }
    let image: [UInt8]
    if let boundary = FormData.boundary(contentType) {
      guard let parts = try? FormData.parts(of: body, boundary: boundary) else {
        return jsonError(.badRequest, Problem.badMultipart)
      }
      guard let part = parts.first(where: { $0.name == "image" }), !part.body.isEmpty else {
        return jsonError(.badRequest, Problem.noImagePart)
      }
      image = part.body
    } else if FormData.mediaType(contentType) == "multipart/form-data" {
      return jsonError(.badRequest, Problem.badMultipart)
    } else {
      image = Array(body.readableBytesView)
    }
    if image.count > limit { return jsonError(.contentTooLarge, .tooLarge(limit: limit, image: true)) }
    switch await readImage(image) {
    case .success(let check):
      return json(.ok, check.jsonLine + "\n")
    case .failure(let problem):
      return jsonError(problem.status, problem)
    }
  }

  private func checkPage(_ request: Request) async -> Response {
    let limits = configuration.limits
    let contentType = request.headers[.contentType]
    let type = FormData.mediaType(contentType)
    guard type == "multipart/form-data" || type == "application/x-www-form-urlencoded" else {
      return problemPage(.unsupportedMediaType, Problem.formMediaType)
    }
    let body: ByteBuffer
    do {
      body = try await collect(request, limit: limits.maxTextBytes + limits.maxImageBytes + Self.multipartOverhead)
    } catch {
      return problemPage(error.status, error.problem(limit: limits.maxImageBytes, image: true))
    }
    var text = ""
    var image: [UInt8] = []
    if type == "application/x-www-form-urlencoded" {
      let form = try? URLEncodedFormDecoder().decode(
        PageForm.self, from: String(decoding: body.readableBytesView, as: UTF8.self))
      text = form?.text ?? ""
    } else {
      guard let boundary = FormData.boundary(contentType), let parts = try? FormData.parts(of: body, boundary: boundary)
      else { return problemPage(.badRequest, Problem.badMultipart) }
      if let part = parts.first(where: { $0.name == "text" }) {
        if part.body.count > limits.maxTextBytes {
          return problemPage(.contentTooLarge, .tooLarge(limit: limits.maxTextBytes, image: false))
        }
        text = String(decoding: part.body, as: UTF8.self)
      }
      image = parts.first(where: { $0.name == "image" })?.body ?? []
    }
    if text.utf8.count > limits.maxTextBytes {
      return problemPage(.contentTooLarge, .tooLarge(limit: limits.maxTextBytes, image: false))
    }
    if image.count > limits.maxImageBytes {
      return problemPage(.contentTooLarge, .tooLarge(limit: limits.maxImageBytes, image: true))
    }
    let hasText = text.unicodeScalars.contains { !$0.properties.isWhitespace }
    guard hasText || !image.isEmpty else { return problemPage(.badRequest, Problem.emptyForm) }

    let classifier = configuration.classifier
    var answers: [Pages.Answer] = []
    if hasText {
      let verdict = classifier.classify(text, language: configuration.language)
      ServerCounters.bump(counters.checks)
      if verdict.isFlagged { ServerCounters.bump(counters.flagged) }
      answers.append(.text(text, report(verdict)))
    }
    if !image.isEmpty {
      switch await readImage(image) {
      case .success(let check):
        answers.append(.image(check, check.verdict.map(report)))
      case .failure(let problem):
        return problemPage(problem.status, problem)
      }
    }
    let contacts = (configuration.city.map { [$0] } ?? []) + configuration.national
    let disclaimer =
      "本结果由规则自动筛查得出，仅供参考，不是违法认定。 / This is an automatic screening aid, not a legal finding."
    return html(.ok, Pages.answers(answers, contacts: contacts, disclaimer: disclaimer), script: false)
  }

  // MARK: - Helpers

  /// Room for the multipart headers and boundaries around an image.
  static let multipartOverhead = 64 * 1024

  private func report(_ verdict: Verdict) -> GridReport {
    configuration.classifier.report(for: verdict, language: configuration.language)
  }

  /// Checks and reads a photo: 400 for a non-image, 503 without OCR, busy or too slow.
  private func readImage(_ image: [UInt8]) async -> Result<ImageCheck, Problem> {
    let format = ImageFormat(sniffing: image)
    if let message = format.problem { return .failure(Problem(status: .badRequest, code: "not_an_image", message)) }
    guard let workers else {
      return .failure(Problem.ocrUnavailable(configuration.ocrUnavailableReason))
    }
    let limits = configuration.limits
    switch await workers.run(image, queueTimeout: limits.queueTimeout, timeout: limits.ocrTimeout) {
    case .success(let check):
      ServerCounters.bump(counters.imageChecks)
      if check.retake { ServerCounters.bump(counters.retakes) }
      if check.verdict?.isFlagged == true { ServerCounters.bump(counters.flagged) }
      return .success(check)
    case .failure(let failure):
      return .failure(Problem(failure))
    }
  }

  /// The body, up to `limit` bytes (a declared length over the limit is refused unread).
  private func collect(_ request: Request, limit: Int) async throws(BodyError) -> ByteBuffer {
    if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
      throw .tooLarge
    }
    var request = request
    do {
      return try await request.collectBody(upTo: limit)
    } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
      throw .tooLarge
    } catch {
      throw .unreadable
    }
  }

  private func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
    Response(
      status: status,
      headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
  }

  private func jsonError(_ status: HTTPResponse.Status, _ problem: Problem) -> Response {
    var out = "{\"error\":"
    JSONReport.appendString(problem.code, to: &out)
    out += ",\"message\":"
    JSONReport.appendString(problem.message, to: &out)
    out += "}\n"
    var response = json(status, out)
    if status == .serviceUnavailable { response.headers[.retryAfter] = "5" }
    return response
  }

  private func html(_ status: HTTPResponse.Status, _ page: String, script: Bool) -> Response {
    let policy =
      "default-src 'none'; style-src 'unsafe-inline'; script-src \(script ? "'unsafe-inline'" : "'none'"); "
      + "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    return Response(
      status: status,
      headers: [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .contentSecurityPolicy: policy,
        .xContentTypeOptions: "nosniff",
      ],
      body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
  }

  private func problemPage(_ status: HTTPResponse.Status, _ problem: Problem) -> Response {
    var response = html(status, Pages.problem(problem.title, message: problem.message), script: false)
    if status == .serviceUnavailable { response.headers[.retryAfter] = "5" }
    return response
  }
}

/// The form of `POST /check` when sent URL-encoded.
private struct PageForm: Decodable {
  var text: String?
}

/// Why a body could not be read.
enum BodyError: Error {
  /// Longer than the limit.
  case tooLarge
  /// The connection failed while reading.
  case unreadable

  var status: HTTPResponse.Status { self == .tooLarge ? .contentTooLarge : .badRequest }

  func problem(limit: Int, image: Bool) -> Problem {
    switch self {
    case .tooLarge: .tooLarge(limit: limit, image: image)
    case .unreadable:
      Problem(status: .badRequest, code: "unreadable_body", "请求没有收完整。 / The request body was incomplete.")
    }
  }
}

/// Counts every answer's status (numbers only).
struct CountingMiddleware: RouterMiddleware {
  typealias Context = BasicRequestContext
  let counters: ServerCounters

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      let response = try await next(request, context)
      counters.count(status: response.status.code)
      return response
    } catch let error as any HTTPResponseError {
      counters.count(status: error.status.code)
      throw error
    } catch {
      counters.count(status: 500)
      throw error
    }
  }
}

import Hummingbird
import MultipartKit

enum ServerPlaceholder {}

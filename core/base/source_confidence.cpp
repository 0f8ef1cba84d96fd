#include "base/source_confidence.hpp"

namespace meclean {

const char* source_confidence_name(SourceConfidence confidence) {
    switch (confidence) {
        case SourceConfidence::low: return "low";
        case SourceConfidence::medium: return "medium";
        case SourceConfidence::high: return "high";
    }
    return "low";
}

}  // namespace meclean

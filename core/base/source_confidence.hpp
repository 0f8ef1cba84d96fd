// How sure a row of a data table is, given its sources: every table of facts (status fields,
// known outcomes) says so per row, so a fact that could not be sourced is never presented as
// certain.
#pragma once

namespace meclean {

// high: a public header, datasheet or tool states it; medium: stated by one source, or carried
// over from a neighbouring generation; low: one report, or an inference.
enum class SourceConfidence { low, medium, high };
const char* source_confidence_name(SourceConfidence confidence);  // "low", "medium", "high"

}  // namespace meclean

#include "advice/advice_json.hpp"

#include "base/text.hpp"

namespace meclean {

void write_advice(JsonWriter& j, const std::vector<AdviceMatch>& advice) {
    j.begin_array();
    for (const AdviceMatch& m : advice) {
        const KnownOutcome& o = *m.outcome;
        j.begin_object().key("id").value(o.id).key("match").value(advice_match_basis_id(m.basis));
        j.key("families").begin_array();
        for (PchFamily f : o.families) {
            if (f != PchFamily::unknown) j.value(pch_family_id(f));
        }
        j.end_array();
        j.key("versions").value(decimal(o.min.major) + "." + decimal(o.min.minor) + "–" + decimal(o.max.major) + "." +
                                decimal(o.max.minor));
        j.key("platform").value(o.platform).key("symptom").value(o.symptom).key("helped").value(o.helped);
        j.key("flags").begin_object().key("soft_disable_only").value(o.flags.soft_disable_only).key("whitelist");
        if (o.flags.whitelist) j.value(o.flags.whitelist); else j.null();
        j.end_object();
        j.key("source").value(o.source).key("confidence").value(source_confidence_name(o.confidence)).end_object();
    }
    j.end_array();
}

}  // namespace meclean

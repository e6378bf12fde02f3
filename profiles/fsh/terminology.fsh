// Model-level terminology: the parts of a transition and its outcome classes. Clinical terminology
// (state variables, action classes, concept maps) is generated from the mapping catalogue instead.

CodeSystem: TransitionComponentCS
Id: transition-component
Title: "Transition component"
Description: "Codes of the components of a transition Observation."
* ^caseSensitive = true
* ^content = #complete
* ^experimental = false
* #baseline "Baseline value" "Representative value of the state variable in the baseline window before the action starts."
* #follow-up "Follow-up value" "Representative value of the state variable in the follow-up window after the action starts."
* #delta "Delta" "Follow-up value minus baseline value, in the canonical unit of the state variable."
* #relative-change "Relative change" "Delta divided by the baseline value, in percent."
* #interval "Interval" "Days between the baseline and the follow-up measurement."
* #direction "Direction" "Whether the change moved the state variable in its desirable direction by at least the minimal meaningful change."
* #confidence "Confidence" "Score between 0 and 1 expressing how well the data supports the transition (measurement count and spread, distance from the action date, co-interventions)."

ValueSet: TransitionComponentVS
Id: transition-component
Title: "Transition components"
Description: "All transition component codes."
* ^experimental = false
* include codes from system TransitionComponentCS

CodeSystem: TransitionDirectionCS
Id: transition-direction
Title: "Transition direction"
Description: "Direction of an observed change relative to the desirable direction of a state variable. Describes data, not a treatment outcome judgement for an individual."
* ^caseSensitive = true
* ^content = #complete
* ^experimental = false
* #improved "Improved" "Changed in the desirable direction by at least the minimal meaningful change."
* #worsened "Worsened" "Changed against the desirable direction by at least the minimal meaningful change."
* #unchanged "Unchanged" "Changed by less than the minimal meaningful change."

ValueSet: TransitionDirectionVS
Id: transition-direction
Title: "Transition directions"
Description: "All transition direction codes."
* ^experimental = false
* include codes from system TransitionDirectionCS

CodeSystem: TransitionCategoryCS
Id: transition-category
Title: "Transition category"
Description: "Marks derived data produced by TransitionNet."
* ^caseSensitive = true
* ^content = #complete
* ^experimental = false
* #derived-observational-research "Derived observational research data" "Derived from routinely collected records; observational and non-randomized; not medical advice and not a basis for individual treatment decisions."

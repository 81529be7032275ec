//! English sentences, built from clause parts.

use super::{brand, count, finish, list, person, place, year, Person, PickRef};
use crate::gen::LangCode;
use crate::rng::Rng;

// ------------------------------------------------------------- lexicon

const FIRST: &str = "James Sarah David Emma Michael Laura Peter Helen Thomas Rachel Daniel Claire \
    Mark Joanna Robert Alice Simon Nadia Andrew Fiona Omar Grace Ian Priya Kevin Maria Gareth \
    Sophie Patrick Ruth Lewis Hannah Owen Chloe Victor Amira Neil Tessa Colin Yasmin Stuart Megan \
    Raymond Leila Dominic Harriet Edwin Bethany Graham Imogen Rory Kirsty Tobias Eleanor Ravi \
    Shona Callum Maeve Desmond Anita Hamish Zara Felix Lorna Malcolm Sunita Ewan Nia Adrian \
    Rosalind Samir Gemma Curtis Isla Barnaby Mina Declan Frances Terence Olwen Kwame Ingrid";
const LAST: &str = "Walker Harris Okafor Bennett Clarke Patel Morgan Reid Fletcher Nolan Khan \
    Dawson Pryce Lindqvist Osei Barrett Holloway Mensah Carver Duffy Ellison Farrow Gallagher \
    Hendry Ibrahim Jarvis Kowalski Lambert McBride Novak O'Neill Pearce Quinn Rahman Sutton \
    Thorne Underwood Vance Whitfield Yates Abbott Brennan Castillo Doherty Everett Finch Grierson \
    Haddad Ashworth Blackwood Coates Dunmore Eastwood Fairley Greaves Hollis Ingram Kerrigan \
    Loughlin Mather Nesbitt Ormerod Penrose Radley Sandford Tennant Voss Wardle Achebe Bhatt \
    Chowdhury Demir Esposito Fraser Gill Hussain Jankowski Kaur Lau MacLeod Nakamura Oyelaran";

/// Nouns for plans, events, places and problems; `*` marks those that take
/// a topic modifier ("a housing plan"), `sg:pl` gives an irregular plural.
const THINGS: &str = "*plan *budget *bill *law *reform *project *scheme *programme *proposal \
    *deal *agreement contract treaty merger takeover *investigation *inquiry *review *audit \
    *report *study *survey *strategy *policy *rule *regulation *ban *tax levy *tariff fee fine \
    *subsidy *grant loan *fund bond pension pay_rise price_cap fare rent charge bridge road \
    railway tunnel station airport hospital clinic school college library museum stadium port \
    harbour pipeline dam reservoir power_station wind_farm solar_park factory warehouse mine \
    prison courthouse market shopping_centre park ferry_link tram_line bus_route cycle_lane \
    bypass runway sewer canal election referendum vote *strike protest march rally festival \
    summit conference trial hearing ceasefire truce tournament trade_fair exhibition concert \
    auction ceremony *crisis:crises *shortage outbreak flood drought wildfire storm heatwave \
    landslide collapse scandal *dispute row complaint lawsuit appeal ruling verdict settlement \
    recall curfew lockdown evacuation closure shutdown deficit surplus debt loss profit \
    *forecast *target quota *deadline timetable *consultation petition motion amendment \
    resolution manifesto coalition partnership alliance network database register licence \
    permit *overhaul *shake-up *package *initiative *campaign *pilot_scheme *roadmap *framework \
    *charter *guideline *standard *threshold *allowance *voucher *rebate bailout buyout \
    *rescue_plan *freeze lottery contest bid tender offer order shipment delivery fleet \
    *helpline website app platform *system warning alert ultimatum *levy memorial monument \
    sculpture mural playground swimming_pool sports_hall community_centre care_home hostel \
    shelter depot terminal quay marina lighthouse viaduct roundabout junction flyover estate \
    housing_estate tower_block farmhouse vineyard orchard quarry landfill incinerator \
    treatment_plant substation data_centre laboratory observatory archive \
    *subsidy_scheme *loan_scheme *pension_fund *tax_break *tax_credit *spending_review \
    *white_paper *action_plan *master_plan *task_force:task_forces *working_group watchdog \
    tribunal panel board commission committee *ballot *recount *by-election *primary \
    *leadership_contest *no-confidence_vote *walkout *boycott *blockade *sit-in *occupation \
    *hunger_strike *court_case *class_action *injunction *fine *penalty *compensation_claim \
    *payout *refund *windfall *bonus *dividend *share_sale *flotation *acquisition *sale \
    *redundancy_programme *hiring_freeze *recruitment_drive *training_scheme *apprenticeship \
    *grant_programme *bursary *scholarship *prize *award *medal *trophy season fixture final \
    derby match race regatta marathon parade carnival fireworks_display vigil funeral \
    commemoration anniversary reunion homecoming visit tour trip mission expedition \
    *recovery *slowdown *downturn *recession *boom *bubble *slump";

/// First elements of compound nouns ("a flood defence scheme").
const MODIFIERS: &str = "housing transport energy health education water pension rail road \
    school farm fishing tax climate flood waste tourism defence trade crime welfare childcare \
    broadband hospital airport port steel coal gas oil nuclear solar wind food fuel power \
    heating cancer maternity police fire court prison border customs visa asylum vaccine drug \
    alcohol tobacco gambling planning building property mortgage rental student tuition bus \
    train tram cycling parking traffic bridge harbour ferry flight dairy grain wine timber \
    mining retail banking insurance wage benefit spending recovery stimulus investment export \
    import infrastructure drainage recycling heritage arts sports youth library museum park \
    river coastal forest wildlife pollution noise emissions carbon plastic packaging data \
    privacy mobile telecoms postal pharmacy dental ambulance emergency disaster relief aid \
    refugee pay pay-and-display congestion speed literacy nutrition obesity smoking vaping \
    fraud cyber security surveillance canal seafront town-centre high-street village \
    allotment cemetery sewage bin litter graffiti pothole street-lighting";

const GROUPS: &str = "workers residents investors voters students farmers doctors nurses \
    teachers drivers shareholders tenants pensioners migrants fishermen councillors officers \
    patients families shopkeepers engineers pilots volunteers retailers suppliers exporters \
    commuters landlords midwives bus_drivers dock_workers lorry_drivers taxi_drivers \
    civil_servants junior_doctors train_drivers care_workers small_businesses developers \
    cyclists motorists parents pupils graduates savers borrowers homeowners consumers tourists \
    visitors fans campaigners activists protesters lawmakers MPs senators ministers officials \
    inspectors judges lawyers prosecutors firefighters paramedics soldiers veterans refugees \
    asylum_seekers miners steelworkers bakers winemakers growers dairy_farmers vets pharmacists \
    dentists carers cleaners porters lecturers researchers scientists economists analysts \
    bankers traders insurers airlines carmakers banks energy_firms supermarkets councils \
    charities universities hauliers publicans restaurateurs hoteliers builders plumbers \
    electricians postal_workers warehouse_staff factory_workers seasonal_workers apprentices \
    trainees jobseekers first-time_buyers renters holidaymakers passengers shoppers listeners \
    viewers market_traders street_vendors beekeepers anglers walkers climbers swimmers \
    birdwatchers allotment_holders season-ticket_holders club_members church_leaders \
    head_teachers school_governors magistrates coroners auditors regulators broadcasters \
    publishers booksellers musicians actors artists designers architects surveyors \
    estate_agents mortgage_lenders credit_unions building_societies bus_operators \
    train_operators ferry_operators port_workers airport_staff cabin_crew air_traffic_controllers";

/// Job titles used with "of/at/for" an organisation.
const ORG_ROLES: &str = "spokesman spokeswoman spokesperson director chief_executive chairman \
    chairwoman head founder co-founder president vice-president general_secretary treasurer \
    economist analyst researcher lawyer adviser manager board_member trustee press_officer \
    union_representative chief_economist finance_director operations_manager project_manager \
    legal_adviser official deputy_director regional_director managing_director policy_officer \
    communications_director campaign_director coordinator organiser inspector auditor \
    consultant engineer scientist surgeon chief_medical_officer safety_officer site_manager \
    head_of_research head_of_policy programme_director chief_financial_officer archivist \
    curator conductor coach captain secretary";
/// Titles used with "of" a place.
const PLACE_ROLES: &str = "mayor deputy_mayor governor MP senator council_leader police_chief \
    chief_constable fire_chief bishop district_judge coroner ambassador consul magistrate \
    health_commissioner chief_planner tourism_chief harbour_master schools_inspector \
    town_clerk sheriff lord_mayor chief_prosecutor public_health_director";
/// Ordinary people quoted in news.
const PEOPLE_ROLES: &str = "resident shopkeeper nurse farmer teacher commuter parent student \
    pensioner landlord tenant café_owner taxi_driver fisherman builder midwife paramedic \
    firefighter volunteer neighbour witness passenger cyclist baker vet pharmacist electrician \
    carer cleaner headteacher local_historian retired_engineer retired_teacher jobseeker \
    apprentice publican hotelier winemaker beekeeper plumber hairdresser butcher florist \
    postman dog_walker lifeguard bus_driver lorry_driver dairy_farmer market_trader \
    school_governor church_warden caretaker";
const ROLE_ADJS: &str = "senior former local acting interim outgoing newly_appointed \
    long-serving veteran retired deputy junior independent regional";
const TITLES: &str = "Mayor Councillor Dr Professor Judge Inspector Senator Governor \
    Detective_Sergeant Captain Chief_Inspector Superintendent Bishop Father Sister Minister \
    Commissioner Alderman Reverend Colonel";

const ORG_KINDS: &str = "Water_Company Rail_Trust Chamber_of_Trade Building_Society \
    Credit_Union Heritage_Society Wildlife_Trust Rowing_Club Cricket_Club Rugby_Club \
    Hospital_Trust Bus_Company Ferry_Company Housing_Association Residents'_Association \
    Business_Forum Enterprise_Board Research_Institute Policy_Institute Law_Society \
    Nursing_Council Dental_Association Pharmacy_Board Tourism_Board Drainage_Board \
    Harbour_Commission Energy_Cooperative Library_Service Ambulance_Service Police_Federation \
    Retail_Consortium Hauliers'_Association Fishermen's_Federation Growers'_Cooperative \
    Parents'_Council Student_Union Trades_Council Dockers'_Union Civic_Society \
    Theatre_Company Orchestra Film_Festival Science_Park Food_Bank Youth_Trust Sports_Council \
    Athletics_Club Sailing_Club Golf_Club Cycling_Club Savings_Bank Port_Users'_Group \
    Chamber_of_Commerce Farmers'_Union Teachers'_Union Medical_Society Bar_Association \
    Landlords'_Association Taxpayers'_Alliance Consumer_Council Arts_Centre Opera_House \
    Literary_Festival Agricultural_Show Racecourse Football_Club Hockey_Club Choir \
    Brass_Band Drama_Society Historical_Society Canal_Trust Rivers_Trust Woodland_Trust \
    Cathedral Museum_Trust Zoo Botanic_Gardens";
const ORG_ADJS: &str = "National Regional Federal Northern Independent Central Coastal United \
    Southern Metropolitan Western Eastern Royal Joint General Provincial Municipal Rural \
    Upland Valley Island Lowland";
const COMPANY_KINDS: &str = "Foods Logistics Holdings Energy Systems Group Motors Pharma \
    Textiles Engineering Construction Properties Capital Telecom Media Airways Shipping Steel \
    Mining Chemicals Retail Brewing Dairies Timber Software Robotics Solar Water Insurance Bank \
    Partners Labs Networks Aerospace Rail Ports Packaging Plastics Paper Glass Ceramics Cement \
    Fertilisers Seeds Fisheries Farms Hotels Travel";
const BODIES: &str = "ministry regulator watchdog agency department committee commission \
    inspectorate ombudsman authority board office council service taskforce";

const TOPICS: &str = "health education housing transport energy defence justice agriculture \
    fisheries tourism trade industry culture sport finance employment immigration \
    the_environment water policing welfare pensions childcare broadband planning climate_policy \
    food_safety road_safety public_health mental_health social_care higher_education waste \
    recycling air_quality flooding inflation unemployment crime homelessness poverty taxation \
    farming forestry shipping aviation mining banking insurance retail media research science \
    technology cyber_security elections local_government heritage the_arts youth_services rail \
    roads ports digital_services competition consumer_rights data_protection gambling \
    licensing prisons the_courts border_control customs public_spending debt_relief \
    rural_affairs coastal_erosion water_quality noise_pollution animal_welfare wildlife \
    veterinary_medicine dentistry maternity_care cancer_care emergency_care vaccination";

const ADJS: &str = "new old local national regional federal municipal rural urban coastal \
    northern southern eastern western central public private foreign domestic international \
    European economic political social financial legal medical environmental military \
    judicial agricultural industrial commercial cultural educational historic major minor \
    small large huge vast modest significant substantial sharp steep gradual slight dramatic \
    sudden unexpected long-awaited long-running controversial contentious disputed divisive \
    popular unpopular ambitious radical cautious bold fragile tentative provisional temporary \
    permanent interim preliminary final initial annual monthly weekly quarterly seasonal \
    multi-year five-year ten-year costly expensive cheap affordable revised updated amended \
    draft proposed planned delayed stalled failed successful key crucial critical urgent \
    emergency serious severe widespread growing rising falling record unprecedented rare \
    fresh further additional separate joint independent official unofficial secret \
    confidential leaked detailed broad sweeping limited narrow strict tough tighter looser \
    green digital online high-speed low-cost part-time full-time cross-border cross-party \
    nationwide citywide landmark flagship troubled struggling ageing crumbling overcrowded \
    underfunded vacant disused abandoned busy quiet remote neighbouring nearby former \
    second third fourth last latest recent upcoming forthcoming ongoing existing current \
    original alternative rival parallel voluntary compulsory mandatory optional \
    experimental innovative pioneering outdated obsolete overdue belated premature \
    two-year three-year six-month year-long week-long day-long overnight weekend \
    one-off repeated regular occasional frequent daily rolling phased staggered";

const ADVS: &str = "quietly formally narrowly unanimously reluctantly swiftly quickly slowly \
    gradually briefly publicly privately openly cautiously firmly repeatedly again also \
    officially temporarily partly largely fully heavily strongly widely jointly separately \
    independently effectively immediately abruptly hastily overwhelmingly provisionally \
    tentatively conditionally informally secretly deliberately unexpectedly";
/// Short adverbs that suit any tense.
const SHORT_ADVS: &[&str] = &[
    "also", "still", "now", "then", "just", "even", "only", "soon", "again", "at last", "in fact",
    "duly", "never", "rarely", "often",
];
/// Degree adverbs before predicate adjectives.
const DEGREE: &[&str] = &[
    "very",
    "too",
    "more",
    "less",
    "so",
    "quite",
    "rather",
    "far too",
    "not so",
    "much more",
    "increasingly",
    "still",
    "all too",
    "not very",
    "a bit",
    "fairly",
];
/// Adverbs that only suit past and perfect tenses.
const PAST_ADVS: &str = "finally eventually initially already recently previously originally \
    later subsequently ultimately once twice just";
const FRONT_ADVS: &str = "However Meanwhile In_addition Separately Still Nonetheless Elsewhere \
    At_the_same_time Earlier Later In_contrast By_contrast As_a_result For_now Instead Even_so \
    In_recent_years Since_then So_far Overall In_total In_the_meantime On_the_other_hand \
    In_practice In_theory Officially Unsurprisingly Crucially Notably Predictably Ironically \
    Initially Eventually Locally Nationally Privately Publicly Yet Indeed Already Now Today \
    Traditionally Historically Once_again Until_now Back_then By_then";
const SUBORDS: &str = "after before because although though while as since once until unless \
    if even_though when whereas now_that just_as even_if";

/// Transitive verbs taking a thing as object: `base|past|participle|ing`,
/// empty parts regular; a particle follows the base after `_`.
const VERBS: &str = "approve reject review delay postpone support back oppose investigate fund \
    finance expand extend cancel|cancelled||cancelling scrap|scrapped||scrapping announce \
    unveil launch publish release challenge defend suspend block renegotiate finalise examine \
    overhaul veto|vetoed||vetoing propose consider discuss debate criticise welcome endorse \
    sign ratify implement introduce adopt amend revise withdraw|withdrew|withdrawn abandon \
    halt resume restart complete open close reopen build|built rebuild|rebuilt repair \
    renovate replace upgrade modernise demolish sell|sold buy|bought acquire privatise \
    nationalise audit inspect monitor assess evaluate question dispute contest condemn praise \
    protect secure promote prioritise simplify streamline tighten relax ease lift impose \
    raise cut|cut|cut|cutting reduce increase double freeze|froze|frozen cap|capped||capping \
    limit restrict curb boost strengthen weaken undermine jeopardise threaten save rescue \
    revive restore reform restructure reorganise merge transfer|transferred||transferring \
    relocate schedule reschedule organise host attend boycott disrupt request demand \
    seek|sought win|won||winning lose|lost obtain receive award grant allocate distribute \
    negotiate broker settle resolve address tackle handle manage oversee|oversaw|overseen \
    supervise coordinate lead|led chair head join hold|held set_up|set|set|setting call_off \
    put_forward|put|put|putting scale_back roll_out draw_up|drew|drawn phase_out \
    step_up|stepped||stepping wind_down|wound|wound shut_down|shut|shut|shutting \
    take_over|took|taken hand_over sign_off carry_out write_off|wrote|written fight|fought \
    rule_out look_into deliver draft redraft present submit|submitted||submitting table file \
    lodge overturn uphold|upheld quash reinstate confirm deny champion spearhead pilot trial|trialled||trialling \
    test water_down shelve mothball unblock fast-track speed_up|sped|sped slow_down \
    commission authorise license regulate ban|banned||banning outlaw legalise criminalise \
    compensate reimburse refund underwrite guarantee insure finance celebrate mark \
    commemorate inaugurate unveil open cancel rethink|rethought reconsider clarify \
    spell_out|spelled|spelled map_out|mapped||mapping plan|planned||planning chase oversee prepare design \
    redesign cost scrutinise probe condemn applaud hail dismiss reject counter rebut|rebutted||rebutting resist \
    contest fund bankroll sponsor underwrite advertise market promote export import ship|shipped||shipping \
    store deliver collect process recycle dispose_of clear clean dredge drain flood-proof \
    insulate fit|fitted||fitting install connect link repaint resurface widen narrow pedestrianise";

/// Verbs of change for quantities.
const CHANGE_VERBS: &str = "rise|rose|risen fall|fell|fallen increase decrease decline \
    drop|dropped||dropping climb jump soar surge slip|slipped||slipping slide|slid|slid \
    plunge tumble grow|grew|grown shrink|shrank|shrunk double triple recover rebound stabilise \
    dip|dipped||dipping edge_up pick_up level_off|levelled||levelling";
/// Intransitive verbs for what groups do.
const ACT_VERBS: &str = "protest gather march rally demonstrate strike|struck|struck walk_out \
    vote campaign complain object queue celebrate return resign meet|met|met respond \
    negotiate cooperate withdraw|withdrew|withdrawn struggle react mobilise picket lobby \
    petition speak_out|spoke|spoken turn_out sign_up stay_away hold_out|held|held \
    fight_back|fought|fought step_in|stepped||stepping back_down pull_out";
/// Intransitive verbs for things (plans, events).
const THING_ACTS: &str = "start open close begin|began|begun|beginning end resume continue \
    take_effect|took|taken go_ahead|went|gone|going come_into_force|came|come|coming run|ran|run|running \
    expire collapse fail succeed stall proceed restart";
/// Verbs reporting speech or thought, used with a that-clause.
const THINK_VERBS: &str =
    "argue suggest claim insist fear believe accept admit|admitted||admitting \
    warn deny confirm announce hope expect concede acknowledge estimate predict \
    find|found|found conclude show|showed|shown agree say|said|said reveal stress recall \
    note point_out maintain allege|alleged|alleged indicate signal|signalled||signalling hint write|wrote|written \
    tell_reporters|told|told";
/// Verbs taking a person or body as object, then "to" + verb.
const URGE_VERBS: &str = "urge ask call_on encourage advise warn invite order instruct allow \
    force persuade pressure press tell|told|told";
const MEET_VERBS: &str = "meet|met|met visit thank criticise accuse sue|sued|sued call \
    contact consult brief|briefed interview summon|summoned question lobby write_to|wrote|written \
    speak_to|spoke|spoken challenge congratulate";
const REACT_VERBS: &str = "spark prompt trigger provoke cause draw|drew|drawn raise fuel stoke \
    revive ease calm deepen";
const REACTIONS: &str = "anger frustration concern fears criticism outrage protests questions \
    doubts confusion opposition alarm relief praise debate complaints warnings speculation \
    resentment unease suspicion disbelief anxiety scepticism optimism hopes";
const THING_PREDS: &str = "unpopular popular controversial expensive overdue incomplete \
    uncertain unclear likely unlikely possible in_doubt on_hold under_review under_way \
    behind_schedule over_budget ahead_of_schedule still_pending at_risk in_place in_force \
    subject_to_approval open_to_challenge unaffordable unworkable viable feasible flawed \
    inadequate insufficient excessive premature long_overdue largely_symbolic far_from_certain";
const EVAL_ADJS: &str = "unacceptable ridiculous essential vital important clear fair unfair \
    absurd normal worrying encouraging disappointing good bad great terrible shameful \
    premature inevitable necessary possible impossible difficult easy simple complicated \
    dangerous urgent welcome overdue frustrating heartbreaking exciting remarkable \
    extraordinary unprecedented reasonable sensible reckless irresponsible scandalous";
const MASS: &str = "money time support pressure demand interest concern anger confidence \
    will appetite need room evidence hope trust goodwill capacity funding ambition \
    leadership clarity urgency transparency";
const MEASURES: &str = "number share proportion cost price value level rate volume total \
    amount average percentage count";
const COMMODITIES: &str = "petrol diesel bread milk electricity gas water rent housing coffee \
    beef wheat timber steel copper fertiliser cement cigarettes beer wine train_tickets \
    bus_fares school_meals medicines childcare heating_oil fish vegetables fruit new_cars \
    bicycles phones holidays insurance mortgages eggs butter sugar rice cocoa";
const COUNTED: &str = "jobs homes places apprenticeships beds parking_spaces seats classrooms \
    flats houses trees stations branches routes flights trains buses visitors bidders \
    applicants complaints signatures spectators members customers passengers subscribers \
    tonnes hectares kilometres";
const REPORT_TARGETS: &str = "reporters journalists local_radio a_news_conference parliament \
    the_court the_hearing the_inquiry a_committee_of_MPs a_public_meeting the_council \
    the_BBC a_local_newspaper delegates supporters the_tribunal";
const WEEKDAYS: &str = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday";
const MONTHS: &str = "January February March April May June July August September October \
    November December";
const SMALL: &str = "two three four five six seven eight nine ten eleven twelve";
const ORDINALS: &str = "first second third fourth fifth sixth";

// ------------------------------------------------------------- forms

#[derive(Clone, Copy, PartialEq, Eq)]
enum Num {
    Sg,
    Pl,
}

#[derive(Clone, Copy)]
enum Form {
    Base,
    S,
    Past,
    Pp,
    Ing,
}

struct Verb {
    base: String,
    s: String,
    past: String,
    pp: String,
    ing: String,
    /// Particle ("out", "up") or fixed tail.
    tail: String,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn regular_past(b: &str) -> String {
    if b.ends_with('e') {
        format!("{b}d")
    } else if b.ends_with('y') && b.len() > 1 && !is_vowel(b.chars().rev().nth(1).unwrap()) {
        format!("{}ied", &b[..b.len() - 1])
    } else {
        format!("{b}ed")
    }
}

fn s_form(b: &str) -> String {
    if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|e| b.ends_with(e))
    {
        format!("{b}es")
    } else if b.ends_with('y') && b.len() > 1 && !is_vowel(b.chars().rev().nth(1).unwrap()) {
        format!("{}ies", &b[..b.len() - 1])
    } else {
        format!("{b}s")
    }
}

fn ing_form(b: &str) -> String {
    if let Some(stem) = b.strip_suffix("ie") {
        format!("{stem}ying")
    } else if b.ends_with('e') && !b.ends_with("ee") && !b.ends_with("oe") && !b.ends_with("ye") {
        format!("{}ing", &b[..b.len() - 1])
    } else {
        format!("{b}ing")
    }
}

impl Verb {
    fn parse(spec: &str) -> Verb {
        let mut parts = spec.split('|');
        let head = parts.next().unwrap_or_default().replace('_', " ");
        let (base, tail) = match head.split_once(' ') {
            Some((b, t)) => (b.to_string(), t.to_string()),
            None => (head.clone(), String::new()),
        };
        let mut next = || parts.next().filter(|p| !p.is_empty()).map(str::to_string);
        let past = next().unwrap_or_else(|| regular_past(&base));
        let pp = next().unwrap_or_else(|| past.clone());
        let ing = next().unwrap_or_else(|| ing_form(&base));
        Verb {
            s: s_form(&base),
            base,
            past,
            pp,
            ing,
            tail,
        }
    }

    fn form(&self, f: Form) -> String {
        let w = match f {
            Form::Base => &self.base,
            Form::S => &self.s,
            Form::Past => &self.past,
            Form::Pp => &self.pp,
            Form::Ing => &self.ing,
        };
        if self.tail.is_empty() {
            w.clone()
        } else {
            format!("{w} {}", self.tail)
        }
    }
}

fn verbs(s: &str) -> Vec<Verb> {
    let mut seen = std::collections::HashSet::new();
    s.split_whitespace()
        .filter(|v| seen.insert(v.split('|').next().unwrap_or_default().to_string()))
        .map(Verb::parse)
        .collect()
}

struct Noun {
    sg: String,
    pl: String,
    /// Takes a topic modifier.
    modifiable: bool,
}

fn plural(sg: &str) -> String {
    if let Some((head, rest)) = sg.split_once(" of ") {
        return format!("{} of {rest}", plural(head));
    }
    if sg.ends_with("ch") || sg.ends_with("sh") || sg.ends_with('s') || sg.ends_with('x') {
        format!("{sg}es")
    } else if sg.ends_with('y') && !is_vowel(sg.chars().rev().nth(1).unwrap_or('a')) {
        format!("{}ies", &sg[..sg.len() - 1])
    } else {
        format!("{sg}s")
    }
}

fn nouns(s: &str) -> Vec<Noun> {
    s.split_whitespace()
        .map(|w| {
            let modifiable = w.starts_with('*');
            let w = w.trim_start_matches('*').replace('_', " ");
            let (sg, pl) = match w.split_once(':') {
                Some((a, b)) => (a.to_string(), b.to_string()),
                None => (w.clone(), plural(&w)),
            };
            Noun { sg, pl, modifiable }
        })
        .collect()
}

/// Tense patterns for active verbs: (singular auxiliary, plural auxiliary,
/// form of the verb, weight). A `~` in the auxiliary is the slot of an
/// optional adverb.
const ACTIVE: &[(&str, &str, u8, f64)] = &[
    ("", "", 2, 30.0),
    ("", "", 1, 5.0),
    ("has ~", "have ~", 3, 12.0),
    ("had ~", "had ~", 3, 3.0),
    ("will ~", "will ~", 0, 7.0),
    ("would ~", "would ~", 0, 2.0),
    ("could ~", "could ~", 0, 2.5),
    ("may ~", "may ~", 0, 1.5),
    ("might ~", "might ~", 0, 1.0),
    ("should ~", "should ~", 0, 1.5),
    ("must ~", "must ~", 0, 1.0),
    ("can ~", "can ~", 0, 1.0),
    ("is ~", "are ~", 4, 3.0),
    ("was ~", "were ~", 4, 2.0),
    ("has been ~", "have been ~", 4, 1.5),
    ("did not ~", "did not ~", 0, 2.5),
    ("has not ~", "have not ~", 3, 2.0),
    ("will not ~", "will not ~", 0, 1.5),
    ("does not ~", "do not ~", 0, 1.0),
    ("has never ~", "have never ~", 3, 0.7),
    ("could not ~", "could not ~", 0, 1.0),
    ("would not ~", "would not ~", 0, 0.8),
    ("has yet to", "have yet to", 0, 0.8),
    ("", "", 9, 16.0),
];

/// Verbs taking an infinitive: "singular|plural".
const CATENATIVES: &str = "plans_to|plan_to is_expected_to|are_expected_to \
    has_agreed_to|have_agreed_to refused_to|refused_to wants_to|want_to hopes_to|hope_to \
    is_due_to|are_due_to is_set_to|are_set_to failed_to|failed_to tried_to|tried_to \
    promised_to|promised_to threatened_to|threatened_to voted_to|voted_to decided_to|decided_to \
    aims_to|aim_to is_likely_to|are_likely_to is_unlikely_to|are_unlikely_to \
    is_preparing_to|are_preparing_to has_been_asked_to|have_been_asked_to \
    was_forced_to|were_forced_to is_under_pressure_to|are_under_pressure_to \
    has_vowed_to|have_vowed_to is_considering_whether_to|are_considering_whether_to \
    intends_to|intend_to has_pledged_to|have_pledged_to is_ready_to|are_ready_to \
    is_reluctant_to|are_reluctant_to needs_to|need_to has_offered_to|have_offered_to \
    agreed_to|agreed_to moved_to|moved_to is_seeking_to|are_seeking_to \
    is_struggling_to|are_struggling_to has_been_told_to|have_been_told_to \
    is_poised_to|are_poised_to is_keen_to|are_keen_to was_quick_to|were_quick_to \
    has_declined_to|have_declined_to is_trying_to|are_trying_to will_have_to|will_have_to \
    would_have_to|would_have_to may_be_forced_to|may_be_forced_to is_hoping_to|are_hoping_to \
    began_to|began_to continues_to|continue_to is_about_to|are_about_to \
    was_the_first_to|were_the_first_to has_started_to|have_started_to \
    has_chosen_to|have_chosen_to opted_to|opted_to is_determined_to|are_determined_to \
    is_unable_to|are_unable_to has_the_power_to|have_the_power_to is_entitled_to|are_entitled_to";

/// Passive auxiliaries: "singular|plural".
const PASSIVES: &str = "was|were was|were was|were has_been|have_been has_been|have_been \
    will_be|will_be is_being|are_being could_be|could_be is_expected_to_be|are_expected_to_be \
    had_been|had_been is|are would_be|would_be must_be|must_be has_not_been|have_not_been \
    is_due_to_be|are_due_to_be was_finally|were_finally is_likely_to_be|are_likely_to_be \
    may_be|may_be should_be|should_be was_never|were_never has_already_been|have_already_been \
    was_later|were_later is_to_be|are_to_be will_not_be|will_not_be has_now_been|have_now_been";
/// Forms of "to be" and linking verbs: "singular|plural".
const BE: &str = "is|are was|were has_been|have_been remains|remain remained|remained \
    will_be|will_be appeared|appeared seemed|seemed is_still|are_still was_already|were_already \
    looks|look became|became";

fn pairs(s: &str) -> Vec<(String, String)> {
    s.split_whitespace()
        .map(|p| {
            let (a, b) = p.split_once('|').unwrap_or((p, p));
            (a.replace('_', " "), b.replace('_', " "))
        })
        .collect()
}

const MONEY_VERBS: &[(&str, &str)] = &[
    ("spend|spent|spent", "on"),
    ("pay|paid|paid", "for"),
    ("invest", "in"),
    ("borrow", "from"),
    ("lose|lost|lost", "on"),
    ("raise", "for"),
    ("set_aside|set|set|setting", "for"),
    ("earmark", "for"),
    ("receive", "from"),
    ("allocate", "to"),
    ("save", "on"),
    ("owe", "to"),
    ("commit|committed||committing", "to"),
    ("offer", "for"),
];
const THING_VERBS: &[(&str, u8)] = &[
    ("cost", 0),
    ("affect", 1),
    ("include", 2),
    ("require", 2),
    ("involve", 2),
    ("cover", 1),
    ("replace", 2),
    ("follow", 2),
    ("face", 2),
    ("threaten", 2),
    ("benefit", 1),
    ("concern", 1),
    ("create", 3),
    ("attract", 3),
    ("need", 2),
    ("save", 0),
    ("bring_in|brought|brought", 0),
    ("put|put|put|putting", 4),
    ("leave|left|left", 1),
    ("serve", 1),
    ("employ", 3),
    ("cut|cut|cut|cutting", 3),
];

/// English grammar and lexicon.
pub(super) struct En {
    first: Vec<String>,
    last: Vec<String>,
    things: Vec<Noun>,
    modifiable: Vec<usize>,
    modifiers: Vec<String>,
    groups: Vec<String>,
    org_roles: Vec<String>,
    place_roles: Vec<String>,
    people_roles: Vec<String>,
    role_adjs: Vec<String>,
    titles: Vec<String>,
    org_kinds: Vec<String>,
    org_adjs: Vec<String>,
    company_kinds: Vec<String>,
    bodies: Vec<String>,
    topics: Vec<String>,
    adjs: Vec<String>,
    advs: Vec<String>,
    past_advs: Vec<String>,
    front_advs: Vec<String>,
    subords: Vec<String>,
    verbs: Vec<Verb>,
    money_verbs: Vec<(Verb, &'static str)>,
    thing_verbs: Vec<(Verb, u8)>,
    change: Vec<Verb>,
    acts: Vec<Verb>,
    thing_acts: Vec<Verb>,
    think: Vec<Verb>,
    urge: Vec<Verb>,
    meet: Vec<Verb>,
    react: Vec<Verb>,
    reactions: Vec<String>,
    thing_preds: Vec<String>,
    eval_adjs: Vec<String>,
    mass: Vec<String>,
    measures: Vec<String>,
    commodities: Vec<String>,
    counted: Vec<String>,
    report_targets: Vec<String>,
    weekdays: Vec<String>,
    months: Vec<String>,
    small: Vec<String>,
    ordinals: Vec<String>,
    catenatives: Vec<(String, String)>,
    passives: Vec<(String, String)>,
    be: Vec<(String, String)>,
    active_weights: Vec<f64>,
}

/// Appends `piece` to `s` with a space.
fn add(s: &mut String, piece: &str) {
    if piece.is_empty() {
        return;
    }
    if !s.is_empty() {
        s.push(' ');
    }
    s.push_str(piece);
}

fn starts_with_vowel_sound(w: &str) -> bool {
    let lw = w.to_lowercase();
    let mut cs = w.chars();
    let Some(c0) = cs.next() else { return false };
    let c1 = cs.next();
    if c0.is_ascii_digit() {
        return c0 == '8'
            || ((lw.starts_with("11") || lw.starts_with("18"))
                && !w[2..].starts_with(|c: char| c.is_ascii_digit()));
    }
    if c0.is_uppercase() && c1.is_some_and(|c| c.is_uppercase()) {
        return "AEFHILMNORSX".contains(c0);
    }
    if lw.starts_with("eu") || lw.starts_with("one") || lw.starts_with("once") {
        return false;
    }
    if lw.starts_with('u') {
        return !["uni", "use", "usu", "uti", "ura", "uro", "uk"]
            .iter()
            .any(|p| lw.starts_with(p));
    }
    if ["hour", "honest", "honour", "heir"]
        .iter()
        .any(|p| lw.starts_with(p))
    {
        return true;
    }
    matches!(lw.chars().next(), Some('a' | 'e' | 'i' | 'o'))
}

/// Fixes the indefinite article before vowel sounds.
pub(super) fn tidy(s: &str) -> String {
    let toks: Vec<&str> = s.split(' ').collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let next = toks.get(i + 1).map(|n| n.trim_start_matches(['"', '(']));
        if (*t == "a" || *t == "A") && next.is_some_and(starts_with_vowel_sound) {
            out.push_str(if *t == "a" { "an" } else { "An" });
        } else {
            out.push_str(t);
        }
    }
    out
}

impl En {
    pub(super) fn new() -> En {
        let things = nouns(THINGS);
        let modifiable = (0..things.len())
            .filter(|&i| things[i].modifiable)
            .collect();
        En {
            first: list(FIRST),
            last: list(LAST),
            things,
            modifiable,
            modifiers: list(MODIFIERS),
            groups: list(GROUPS),
            org_roles: list(ORG_ROLES),
            place_roles: list(PLACE_ROLES),
            people_roles: list(PEOPLE_ROLES),
            role_adjs: list(ROLE_ADJS),
            titles: list(TITLES),
            org_kinds: list(ORG_KINDS),
            org_adjs: list(ORG_ADJS),
            company_kinds: list(COMPANY_KINDS),
            bodies: list(BODIES),
            topics: list(TOPICS),
            adjs: list(ADJS),
            advs: list(ADVS),
            past_advs: list(PAST_ADVS),
            front_advs: list(FRONT_ADVS),
            subords: list(SUBORDS),
            verbs: verbs(VERBS),
            money_verbs: MONEY_VERBS
                .iter()
                .map(|&(v, k)| (Verb::parse(v), k))
                .collect(),
            thing_verbs: THING_VERBS
                .iter()
                .map(|&(v, k)| (Verb::parse(v), k))
                .collect(),
            change: verbs(CHANGE_VERBS),
            acts: verbs(ACT_VERBS),
            thing_acts: verbs(THING_ACTS),
            think: verbs(THINK_VERBS),
            urge: verbs(URGE_VERBS),
            meet: verbs(MEET_VERBS),
            react: verbs(REACT_VERBS),
            reactions: list(REACTIONS),
            thing_preds: list(THING_PREDS),
            eval_adjs: list(EVAL_ADJS),
            mass: list(MASS),
            measures: list(MEASURES),
            commodities: list(COMMODITIES),
            counted: list(COUNTED),
            report_targets: list(REPORT_TARGETS),
            weekdays: list(WEEKDAYS),
            months: list(MONTHS),
            small: list(SMALL),
            ordinals: list(ORDINALS),
            catenatives: pairs(CATENATIVES),
            passives: pairs(PASSIVES),
            be: pairs(BE),
            active_weights: ACTIVE.iter().map(|a| a.3).collect(),
        }
    }

    pub(super) fn random_word(&self, r: &mut Rng) -> &str {
        match r.below(4) {
            0 => &r.pick_ref(&self.things).sg,
            1 => r.pick_ref(&self.adjs).as_str(),
            2 => &r.pick_ref(&self.verbs).base,
            _ => r.pick_ref(&self.groups).as_str(),
        }
    }

    pub(super) fn sentence(&self, r: &mut Rng) -> String {
        // Keep very short sentences rare: draw again a few times when a
        // draft has fewer than MIN_WORDS words or MIN_BYTES bytes, keeping
        // the longest.
        let mut s = self.draft(r);
        let mut words = super::word_count(&s);
        for _ in 0..5 {
            if s.len() >= super::MIN_BYTES && words >= super::MIN_WORDS {
                break;
            }
            let t = self.draft(r);
            let n = super::word_count(&t);
            if n > words || t.len() >= super::MIN_BYTES && n >= super::MIN_WORDS {
                (s, words) = (t, n);
            }
        }
        let s = finish(tidy(&s));
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            // News style does not open a sentence with a numeral.
            format!("Some {s}")
        } else {
            s
        }
    }

    /// A sentence before elision, capitals and final punctuation.
    fn draft(&self, r: &mut Rng) -> String {
        match r.weighted(&[24.0, 22.0, 12.0, 8.0, 10.0, 6.0, 4.0, 3.0, 6.0, 5.0]) {
            0 => self.s_plain(r),
            1 => self.s_reported(r),
            2 => self.s_quote(r),
            3 => self.s_compound(r),
            4 => self.s_subordinate(r),
            5 => self.s_relative(r),
            6 => self.s_there(r),
            7 => self.s_unclear(r),
            8 => self.s_figures(r),
            _ => self.s_short(r),
        }
    }

    // --------------------------------------------------------- words

    fn w<'a>(&self, r: &mut Rng, xs: &'a [String]) -> &'a str {
        r.pick_ref(xs).as_str()
    }

    fn small_num(&self, r: &mut Rng) -> String {
        if r.chance(0.5) {
            self.w(r, &self.small).to_string()
        } else {
            r.range(2, 30).to_string()
        }
    }

    fn money(&self, r: &mut Rng) -> String {
        match r.below(7) {
            0 => format!("£{}m", r.range(2, 950)),
            1 => format!("${}.{}bn", r.range(1, 40), r.below(10)),
            2 => format!("£{}.{}m", r.range(1, 99), r.range(1, 9)),
            3 => format!("€{}m", r.range(5, 700)),
            4 => format!("£{},000", r.range(10, 990)),
            5 => format!("{} million euros", r.range(2, 400)),
            _ => format!("£{}bn", r.range(1, 30)),
        }
    }

    fn pct(&self, r: &mut Rng) -> String {
        match r.below(4) {
            0 => format!("{}%", r.range(1, 60)),
            1 => format!("{}.{}%", r.range(0, 30), r.range(1, 9)),
            2 => format!("{} per cent", r.range(2, 80)),
            _ => format!("{}.{} per cent", r.range(0, 20), r.range(1, 9)),
        }
    }

    fn approx(&self, r: &mut Rng) -> String {
        let q = [
            "",
            "",
            "",
            "about ",
            "nearly ",
            "more than ",
            "some ",
            "almost ",
            "fewer than ",
            "roughly ",
            "at least ",
            "up to ",
            "over ",
            "around ",
        ];
        format!("{}{}", r.pick(&q), count(r))
    }

    fn person(&self, r: &mut Rng) -> Person {
        person(r, &self.first, &self.last)
    }

    fn time_adv(&self, r: &mut Rng) -> String {
        let units = ["days", "weeks", "months", "years"];
        match r.below(20) {
            0 | 1 => format!("on {}", self.w(r, &self.weekdays)),
            2 => format!(
                "on {} {}",
                self.w(r, &self.weekdays),
                r.pick(&["morning", "afternoon", "evening", "night"])
            ),
            3 => format!("late on {}", self.w(r, &self.weekdays)),
            4 => format!(
                "last {}",
                r.pick(&["week", "month", "year", "autumn", "spring", "summer", "winter"])
            ),
            5 => format!("earlier this {}", r.pick(&["week", "month", "year"])),
            6 => format!(
                "this {}",
                r.pick(&["week", "month", "year", "morning", "summer", "spring"])
            ),
            7 => format!(
                "next {}",
                r.pick(&["week", "month", "year", "spring", "autumn"])
            ),
            8 => format!("in {}", self.w(r, &self.months)),
            9 => format!("in {} {}", self.w(r, &self.months), year(r, 2015, 2026)),
            10 => {
                let end = match r.below(5) {
                    0 => self.w(r, &self.months).to_string(),
                    1 => r
                        .pick(&[
                            "the year",
                            "the decade",
                            "the summer",
                            "the quarter",
                            "the month",
                            "the season",
                            "the financial year",
                            "the parliament",
                        ])
                        .to_string(),
                    2 => format!("{} {}", self.w(r, &self.months), year(r, 2024, 2030)),
                    3 => format!("next {}", r.pick(&["year", "month", "spring", "summer"])),
                    _ => year(r, 2024, 2035),
                };
                format!(
                    "{} {end}",
                    r.pick(&[
                        "by the end of",
                        "before the end of",
                        "at the end of",
                        "by late",
                        "until the end of",
                        "towards the end of",
                        "from the start of"
                    ])
                )
            }
            11 => format!("since {}", year(r, 1995, 2023)),
            12 => format!("{} {} ago", self.small_num(r), r.pick(&units)),
            13 => format!(
                "over the {} {} {}",
                r.pick(&["past", "last", "next", "coming"]),
                self.small_num(r),
                r.pick(&units)
            ),
            14 => format!("within {} {}", self.small_num(r), r.pick(&units)),
            15 => format!("from next {}", self.w(r, &self.months)),
            16 => r
                .pick(&[
                    "at the weekend",
                    "overnight",
                    "on Friday night",
                    "this afternoon",
                    "in the spring",
                    "in the new year",
                    "before Christmas",
                    "after Easter",
                    "during the summer",
                    "this winter",
                ])
                .to_string(),
            17 => format!("in {}", year(r, 1990, 2030)),
            18 => format!(
                "for the {} time {}",
                self.w(r, &self.ordinals),
                match r.below(4) {
                    0 => format!("in {} years", self.small_num(r)),
                    1 => format!("since {}", year(r, 1990, 2023)),
                    2 => format!("this {}", r.pick(&["year", "month", "season", "decade"])),
                    _ => format!(
                        "in {}",
                        r.pick(&[
                            "a decade",
                            "a generation",
                            "living memory",
                            "a year",
                            "recent memory"
                        ])
                    ),
                }
            ),
            _ => format!("until {}", self.w(r, &self.months)),
        }
    }

    fn place_adv(&self, r: &mut Rng) -> String {
        let p = place(r, LangCode::En);
        match r.below(12) {
            0..=3 => format!("in {p}"),
            4 => format!("near {p}"),
            5 => format!("outside {p}"),
            6 => format!(
                "across the {}",
                r.pick(&["region", "country", "county", "district", "city", "valley"])
            ),
            7 => format!("in central {p}"),
            8 => format!("on the outskirts of {p}"),
            9 => format!(
                "in the {} of {}",
                r.pick(&["north", "south", "east", "west", "centre"]),
                if r.chance(0.5) {
                    p
                } else {
                    "the country".to_string()
                }
            ),
            10 => format!("along the coast near {p}"),
            _ => format!("in and around {p}"),
        }
    }

    fn reason_adv(&self, r: &mut Rng, depth: usize) -> String {
        let preps = [
            "because of",
            "due to",
            "amid",
            "after",
            "despite",
            "following",
            "in response to",
            "ahead of",
            "as part of",
            "under",
            "without",
            "thanks to",
            "in the wake of",
            "in protest at",
            "pending",
            "in light of",
            "on top of",
            "alongside",
        ];
        let p = r.pick(&preps);
        if p == "amid" && r.chance(0.5) {
            return format!(
                "amid {} over {}",
                self.w(r, &self.reactions),
                self.thing_np(r, depth + 1).0
            );
        }
        format!("{p} {}", self.thing_np(r, depth + 1).0)
    }

    fn end_adverbials(&self, r: &mut Rng, depth: usize) -> String {
        let mut s = String::new();
        let n = r.weighted(&[0.3, 0.45, 0.2, 0.05]);
        for _ in 0..n {
            let a = match r.below(7) {
                0..=2 => self.time_adv(r),
                3 | 4 => self.place_adv(r),
                5 => self.reason_adv(r, depth),
                _ => self.w(r, &self.advs).to_string(),
            };
            add(&mut s, &a);
        }
        s
    }

    fn front(&self, r: &mut Rng, depth: usize) -> String {
        match r.below(6) {
            0 | 1 => self.w(r, &self.front_advs).to_string(),
            2 => self.time_adv(r),
            3 => self.place_adv(r),
            4 => self.reason_adv(r, depth),
            _ => format!("{} {}", self.time_adv(r), self.place_adv(r)),
        }
    }

    // --------------------------------------------------------- noun phrases

    fn role(&self, r: &mut Rng) -> String {
        let adj = if r.chance(0.25) {
            format!("{} ", self.w(r, &self.role_adjs))
        } else {
            String::new()
        };
        match r.below(9) {
            0 | 1 => {
                let role = self.w(r, &self.place_roles);
                let p = place(r, LangCode::En);
                match r.below(3) {
                    0 => format!("{p}'s {adj}{role}"),
                    1 => format!("a {adj}{role} {} {p}", r.pick(&["of", "for", "in"])),
                    _ => format!("the {adj}{role} of {p}"),
                }
            }
            2..=4 => {
                let role = self.w(r, &self.org_roles);
                let prep = r.pick(&["at", "for", "of", "with"]);
                let det = r.pick(&["a", "the", "a"]);
                format!("{det} {adj}{role} {prep} {}", self.org(r).0)
            }
            5 | 6 => {
                let role = self.w(r, &self.people_roles);
                let p = place(r, LangCode::En);
                match r.below(4) {
                    0 => format!("a {role} from {p}"),
                    1 => format!("a {adj}{role} in {p}"),
                    2 => format!("a {role} who lives in {p}"),
                    _ => format!("a local {role}"),
                }
            }
            7 => {
                let t = self.w(r, &self.topics);
                match r.below(4) {
                    0 => format!("the {adj}minister for {t}"),
                    1 => format!("the shadow minister for {t}"),
                    2 => format!(
                        "a {adj}{} official",
                        r.pick(&["government", "council", "ministry", "union", "party"])
                    ),
                    _ => format!("the head of {t} at {}", self.org(r).0),
                }
            }
            _ => {
                let role = self.w(r, &self.org_roles);
                format!(
                    "{} {adj}{role} {} {} {}",
                    r.pick(&["a", "the"]),
                    r.pick(&["at", "of"]),
                    brand(r),
                    self.w(r, &self.company_kinds)
                )
            }
        }
    }

    /// A person as subject or attribution, and their number (always
    /// singular) — "Sarah Patel, a nurse in Ashby,".
    fn human(&self, r: &mut Rng, closing_comma: bool) -> String {
        self.human_case(r, closing_comma, false)
    }

    /// [`Self::human`] as an object ("him", "her") when `object`.
    fn human_case(&self, r: &mut Rng, closing_comma: bool, object: bool) -> String {
        let p = self.person(r);
        let comma = if closing_comma { "," } else { "" };
        match r.below(14) {
            0..=2 => p.full(),
            3..=5 => format!("{}, {}{comma}", p.full(), self.role(r)),
            6 => format!("{} {}", self.w(r, &self.titles), p.full()),
            7 | 8 => self.role(r),
            9 => {
                let role = if r.chance(0.5) {
                    self.w(r, &self.people_roles)
                } else {
                    self.w(r, &self.org_roles)
                };
                format!("{role} {}", p.full())
            }
            10 => p.last,
            _ => match (p.fem, object) {
                (true, false) => "she".into(),
                (false, false) => "he".into(),
                (true, true) => "her".into(),
                (false, true) => "him".into(),
            },
        }
    }

    /// An organisation and its grammatical number.
    fn org(&self, r: &mut Rng) -> (String, Num) {
        let s = match r.below(14) {
            0..=2 => format!(
                "the {} {}",
                place(r, LangCode::En),
                self.w(r, &self.org_kinds)
            ),
            3 => format!(
                "the {} {} of {}",
                self.w(r, &self.org_adjs),
                self.w(r, &self.org_kinds),
                place(r, LangCode::En)
            ),
            4 | 5 => format!(
                "{} {} Council",
                place(r, LangCode::En),
                r.pick(&["City", "County", "District", "Town", "Borough", "Parish"])
            ),
            6 | 7 => format!("{} {}", brand(r), self.w(r, &self.company_kinds)),
            8 => format!(
                "the {} {}",
                self.w(r, &self.topics),
                self.w(r, &self.bodies)
            )
            .replace("the the ", "the "),
            9 => format!(
                "the {} of {}",
                self.w(r, &self.bodies),
                self.w(r, &self.topics)
            ),
            10 => r
                .pick(&[
                    "the government",
                    "the regional government",
                    "the opposition",
                    "the central bank",
                    "the audit office",
                    "the cabinet",
                    "the treasury",
                    "the high court",
                    "the court of appeal",
                    "the electoral commission",
                    "the coastguard",
                    "the army",
                    "parliament",
                    "the senate",
                    "the county council",
                ])
                .to_string(),
            11 => {
                return (
                    match r.below(3) {
                        0 => format!("{} police", place(r, LangCode::En)),
                        1 => format!("police in {}", place(r, LangCode::En)),
                        _ => format!("officials in {}", place(r, LangCode::En)),
                    },
                    Num::Pl,
                )
            }
            12 => format!(
                "{} {}",
                place(r, LangCode::En),
                r.pick(&[
                    "University",
                    "Hospital",
                    "Airport",
                    "General Hospital",
                    "College",
                    "Football Club",
                    "Harbour",
                    "Town Hall",
                ])
            ),
            _ => format!(
                "the {} branch of the {}",
                place(r, LangCode::En),
                self.w(r, &self.org_kinds)
            ),
        };
        // Topic-based bodies may start "the the environment ..."; fixed above.
        (s, Num::Sg)
    }

    fn group(&self, r: &mut Rng) -> String {
        let g = self.w(r, &self.groups);
        let adj = [
            "young",
            "older",
            "local",
            "foreign",
            "seasonal",
            "striking",
            "angry",
            "worried",
            "frustrated",
            "unpaid",
            "self-employed",
            "part-time",
            "retired",
            "low-paid",
            "independent",
            "rural",
            "elderly",
            "newly qualified",
        ];
        match r.below(12) {
            0..=2 => g.to_string(),
            3 => format!("many {g}"),
            4 => format!("some {} {g}", count(r)),
            5 => format!(
                "{} of {g}",
                r.pick(&["hundreds", "thousands", "dozens", "scores"])
            ),
            6 => format!("{g} in {}", place(r, LangCode::En)),
            7 => format!("{} {g}", r.pick(&adj)),
            8 => format!("{} {g} from {}", self.approx(r), place(r, LangCode::En)),
            9 => format!(
                "{g} across the {}",
                r.pick(&["region", "country", "sector", "county"])
            ),
            10 => format!("{} {g}", count(r)),
            _ => format!(
                "{} {g}",
                r.pick(&["most", "few", "other", "fellow", "several"])
            ),
        }
    }

    /// A noun phrase for a thing, and its number.
    fn thing_np(&self, r: &mut Rng, depth: usize) -> (String, Num) {
        let (ni, modifier) = if r.chance(0.3) {
            (r.pick(&self.modifiable), true)
        } else {
            (r.below(self.things.len()), false)
        };
        let noun = &self.things[ni];
        let num = if r.chance(0.25) { Num::Pl } else { Num::Sg };
        let mut core = String::new();
        for _ in 0..r.weighted(&[0.45, 0.45, 0.1]) {
            add(&mut core, self.w(r, &self.adjs));
        }
        if modifier {
            add(&mut core, self.w(r, &self.modifiers));
        }
        add(&mut core, if num == Num::Sg { &noun.sg } else { &noun.pl });
        let det: String = match num {
            Num::Sg => match r.weighted(&[45.0, 22.0, 8.0, 8.0, 5.0, 3.0, 2.0, 7.0]) {
                0 => "the".into(),
                1 => "a".into(),
                2 => "this".into(),
                3 => "its".into(),
                4 => "their".into(),
                5 => "another".into(),
                6 => "that".into(),
                _ => {
                    if r.chance(0.5) {
                        format!("{}'s", place(r, LangCode::En))
                    } else {
                        "the council's".into()
                    }
                }
            },
            Num::Pl => match r.weighted(&[30.0, 22.0, 8.0, 5.0, 5.0, 5.0, 5.0, 4.0, 3.0, 3.0]) {
                0 => "the".into(),
                1 => String::new(),
                2 => "their".into(),
                3 => "its".into(),
                4 => "these".into(),
                5 => "several".into(),
                6 => self.w(r, &self.small).to_string(),
                7 => "some".into(),
                8 => "dozens of".into(),
                _ => "a series of".into(),
            },
        };
        let mut s = det;
        add(&mut s, &core);
        if depth < 2 && r.chance(0.1) {
            // Coordination: "the bridge and its new toll".
            let (other, _) = self.thing_np(r, 2);
            add(
                &mut s,
                r.pick(&["and", "and", "or", "as well as", "but not"]),
            );
            add(&mut s, &other);
            return (s, Num::Pl);
        }
        if depth < 2 && r.chance(0.35) {
            let post = match r.below(14) {
                0 => format!("for {}", self.w(r, &self.groups)),
                1 => format!("in {}", place(r, LangCode::En)),
                2 => format!("on {}", self.w(r, &self.topics)),
                3 => format!("worth {}", self.money(r)),
                4 => format!("of {}", self.thing_np(r, depth + 1).0),
                5 => format!("by {}", self.org(r).0),
                6 => format!("with {}", self.org(r).0),
                7 => format!("near {}", place(r, LangCode::En)),
                8 => {
                    let v = r.pick_ref(&self.verbs);
                    format!("{} {}", v.form(Form::Pp), self.time_adv(r))
                }
                9 => format!("costing {}", self.money(r)),
                10 => format!("affecting {} {}", self.approx(r), self.w(r, &self.groups)),
                11 => format!("between {} and {}", self.org(r).0, self.org(r).0),
                12 => format!("for {} {}", count(r), self.w(r, &self.groups)),
                _ => format!("at the {} site", place(r, LangCode::En)),
            };
            add(&mut s, &post);
        }
        (s, num)
    }

    fn measure(&self, r: &mut Rng) -> (String, Num) {
        let mut num = Num::Sg;
        let m = self.w(r, &self.measures);
        let s = match r.below(8) {
            0 | 1 => format!("the {m} of {}", self.w(r, &self.groups)),
            2 => format!("the {m} of {}", self.thing_np(r, 2).0),
            3 => format!("the price of {}", self.w(r, &self.commodities)),
            4 => format!("spending on {}", self.w(r, &self.topics)),
            5 => format!(
                "{} {}",
                r.pick(&[
                    "demand for",
                    "sales of",
                    "exports of",
                    "imports of",
                    "the cost of"
                ]),
                self.w(r, &self.commodities)
            ),
            6 => {
                let (head, n) = r.pick(&[
                    ("profits", Num::Pl),
                    ("turnover", Num::Sg),
                    ("revenue", Num::Sg),
                    ("sales", Num::Pl),
                    ("losses", Num::Pl),
                    ("traffic", Num::Sg),
                ]);
                num = n;
                format!("{head} at {}", self.org(r).0)
            }
            _ => {
                let (head, n) = r.pick(&[
                    ("inflation", Num::Sg),
                    ("unemployment", Num::Sg),
                    ("house prices", Num::Pl),
                    ("the jobless rate", Num::Sg),
                    ("turnout", Num::Sg),
                    ("waiting times", Num::Pl),
                    ("rents", Num::Pl),
                    ("wages", Num::Pl),
                    ("crime", Num::Sg),
                    ("output", Num::Sg),
                ]);
                num = n;
                head.to_string()
            }
        };
        if r.chance(0.35) {
            (format!("{s} in {}", place(r, LangCode::En)), num)
        } else {
            (s, num)
        }
    }

    // --------------------------------------------------------- verbs

    /// A tensed active form of `v` for a subject of number `num`.
    fn tensed(&self, r: &mut Rng, v: &Verb, num: Num) -> String {
        let (sg, pl, form, _) = ACTIVE[r.weighted(&self.active_weights)];
        let adv = if !r.chance(0.28) {
            ""
        } else if (form == 2 || sg.starts_with("has") || sg.starts_with("had")) && r.chance(0.4) {
            self.w(r, &self.past_advs)
        } else if r.chance(0.5) {
            r.pick(SHORT_ADVS)
        } else {
            self.w(r, &self.advs)
        };
        let form = match form {
            0 => Form::Base,
            1 if num == Num::Sg => Form::S,
            1 => Form::Base,
            2 => Form::Past,
            3 => Form::Pp,
            4 => Form::Ing,
            _ => {
                let (s, p) = r.pick_ref(&self.catenatives);
                let mut out = (if num == Num::Sg { s } else { p }).clone();
                if !adv.is_empty() && r.chance(0.5) {
                    out = format!("{adv} {out}");
                }
                add(&mut out, &v.form(Form::Base));
                return out;
            }
        };
        let aux = if num == Num::Sg { sg } else { pl };
        let mut out = String::new();
        if aux.is_empty() {
            if r.chance(0.5) {
                add(&mut out, adv);
            }
        } else {
            let a = aux.replace('~', adv);
            add(&mut out, a.trim_end());
        }
        add(&mut out, &v.form(form));
        out
    }

    fn be(&self, r: &mut Rng, num: Num) -> String {
        let (s, p) = r.pick_ref(&self.be);
        if num == Num::Sg {
            s.clone()
        } else {
            p.clone()
        }
    }

    fn agent(&self, r: &mut Rng) -> String {
        match r.below(4) {
            0 => self.human_case(r, false, true),
            1 | 2 => self.org(r).0,
            _ => self.group(r),
        }
    }

    /// A verb phrase for a human or organisation subject.
    fn vp_agent(&self, r: &mut Rng, num: Num, depth: usize) -> String {
        let k = if depth >= 2 {
            r.weighted(&[60.0, 10.0, 8.0, 6.0, 6.0, 0.0, 0.0, 10.0])
        } else {
            r.weighted(&[44.0, 10.0, 7.0, 8.0, 6.0, 7.0, 8.0, 10.0])
        };
        match k {
            0 => {
                let v = r.pick_ref(&self.verbs);
                let mut s = self.tensed(r, v, num);
                add(&mut s, &self.thing_np(r, depth).0);
                if r.chance(0.12) {
                    let extra = match r.below(4) {
                        0 => format!("for {}", self.group(r)),
                        1 => format!("with {}", self.org(r).0),
                        2 => format!("on behalf of {}", self.group(r)),
                        _ => format!("to {}", self.org(r).0),
                    };
                    add(&mut s, &extra);
                }
                s
            }
            1 => {
                let v = r.pick_ref(&self.acts);
                let mut s = self.tensed(r, v, num);
                if r.chance(0.7) {
                    let c = match r.below(9) {
                        0 => format!("against {}", self.thing_np(r, depth + 1).0),
                        1 => format!("over {}", self.thing_np(r, depth + 1).0),
                        2 => format!("about {}", self.thing_np(r, depth + 1).0),
                        3 => format!("for {}", self.thing_np(r, depth + 1).0),
                        4 => format!("outside {}", self.org(r).0),
                        5 => format!("in support of {}", self.thing_np(r, depth + 1).0),
                        6 => format!("for {} hours", self.small_num(r)),
                        7 => format!("in {}", place(r, LangCode::En)),
                        _ => format!("alongside {}", self.group(r)),
                    };
                    add(&mut s, &c);
                }
                s
            }
            2 => {
                let v = r.pick_ref(&self.meet);
                let mut s = self.tensed(r, v, num);
                let obj = if r.chance(0.5) {
                    self.human_case(r, false, true)
                } else {
                    self.org(r).0
                };
                add(&mut s, &obj);
                if r.chance(0.5) {
                    let c = match r.below(4) {
                        0 => format!("over {}", self.thing_np(r, depth + 1).0),
                        1 => format!("about {}", self.thing_np(r, depth + 1).0),
                        2 => format!("to discuss {}", self.thing_np(r, depth + 1).0),
                        _ => self.time_adv(r),
                    };
                    add(&mut s, &c);
                }
                s
            }
            3 => {
                let mut s = self.be(r, num);
                let np = self.thing_np(r, depth + 1).0;
                let pred = match r.below(14) {
                    0 if depth < 2 => format!("confident that {}", self.clause(r, depth + 1)),
                    1 => format!("under pressure over {np}"),
                    2 => format!("in talks with {} about {np}", self.org(r).0),
                    3 => format!("opposed to {np}"),
                    4 => format!("in favour of {np}"),
                    5 => format!("responsible for {np}"),
                    6 => "unavailable for comment".to_string(),
                    7 => {
                        let v = r.pick_ref(&self.verbs);
                        format!(
                            "{} to {} {np}",
                            r.pick(&["keen", "reluctant", "eager", "unwilling", "ready"]),
                            v.form(Form::Base)
                        )
                    }
                    8 => format!("divided over {np}"),
                    9 => format!("critical of {np}"),
                    10 => format!(
                        "{} about {np}",
                        r.pick(&[
                            "optimistic",
                            "worried",
                            "cautious",
                            "sceptical",
                            "upbeat",
                            "concerned"
                        ])
                    ),
                    11 => format!("aware of {np}"),
                    12 => format!("at odds with {} over {np}", self.org(r).0),
                    _ => format!("behind {np}"),
                };
                add(&mut s, &pred);
                s
            }
            4 => {
                let v1 = r.pick_ref(&self.verbs);
                let v2 = r.pick_ref(&self.verbs);
                let mut s = String::new();
                if r.chance(0.5) {
                    add(&mut s, &v1.form(Form::Past));
                    add(&mut s, &self.thing_np(r, depth + 1).0);
                    add(&mut s, "and");
                    add(&mut s, &v2.form(Form::Past));
                } else {
                    let aux = r.pick(&["will", "could", "would", "may", "must", "should"]);
                    add(&mut s, aux);
                    add(&mut s, &v1.form(Form::Base));
                    add(&mut s, &self.thing_np(r, depth + 1).0);
                    add(&mut s, r.pick(&["and", "or", "before it can", "and then"]));
                    add(&mut s, &v2.form(Form::Base));
                }
                add(&mut s, &self.thing_np(r, depth + 1).0);
                s
            }
            5 => {
                let v = r.pick_ref(&self.urge);
                let mut s = self.tensed(r, v, num);
                let obj = if r.chance(0.5) {
                    self.group(r)
                } else {
                    self.org(r).0
                };
                add(&mut s, &obj);
                add(&mut s, "to");
                if r.chance(0.6) {
                    add(&mut s, &r.pick_ref(&self.verbs).form(Form::Base));
                    add(&mut s, &self.thing_np(r, depth + 1).0);
                } else {
                    add(&mut s, &r.pick_ref(&self.acts).form(Form::Base));
                }
                s
            }
            6 => {
                let v = r.pick_ref(&self.think);
                let mut s = self.tensed(r, v, num);
                add(&mut s, "that");
                add(&mut s, &self.clause(r, depth + 1));
                s
            }
            _ => {
                let (v, prep) = r.pick_ref(&self.money_verbs);
                let prep = *prep;
                let mut s = self.tensed(r, v, num);
                add(&mut s, &self.money(r));
                add(&mut s, prep);
                add(
                    &mut s,
                    &if prep == "from" || prep == "to" && r.chance(0.5) {
                        self.org(r).0
                    } else {
                        self.thing_np(r, depth + 1).0
                    },
                );
                s
            }
        }
    }

    /// A verb phrase for a thing subject.
    fn vp_thing(&self, r: &mut Rng, num: Num, depth: usize) -> String {
        match r.weighted(&[40.0, 10.0, 22.0, 12.0, 12.0]) {
            0 => {
                let (sg, pl) = r.pick_ref(&self.passives);
                let mut s = if num == Num::Sg {
                    sg.clone()
                } else {
                    pl.clone()
                };
                if r.chance(0.15) {
                    add(&mut s, self.w(r, &self.advs));
                }
                add(&mut s, &r.pick_ref(&self.verbs).form(Form::Pp));
                if r.chance(0.35) {
                    add(&mut s, "by");
                    add(&mut s, &self.agent(r));
                }
                s
            }
            1 => {
                let mut s = self.be(r, num);
                if r.chance(0.35) {
                    add(&mut s, r.pick(DEGREE));
                }
                add(&mut s, self.w(r, &self.thing_preds));
                s
            }
            2 => {
                let (v, kind) = r.pick_ref(&self.thing_verbs);
                let kind = *kind;
                let mut s = self.tensed(r, v, num);
                let obj = match kind {
                    0 => self.money(r),
                    1 => {
                        if r.chance(0.5) {
                            format!("{} {}", self.approx(r), self.w(r, &self.groups))
                        } else {
                            self.group(r)
                        }
                    }
                    2 => self.thing_np(r, depth + 1).0,
                    3 => format!("{} {}", self.approx(r), self.w(r, &self.counted)),
                    _ => format!("{} {} at risk", self.approx(r), self.w(r, &self.counted)),
                };
                add(&mut s, &obj);
                s
            }
            3 => {
                let v = r.pick_ref(&self.react);
                let mut s = self.tensed(r, v, num);
                add(&mut s, self.w(r, &self.reactions));
                if r.chance(0.6) {
                    let c = match r.below(4) {
                        0 => format!("among {}", self.group(r)),
                        1 => format!("about {}", self.thing_np(r, depth + 1).0),
                        2 => format!("from {}", self.org(r).0),
                        _ => format!("in {}", place(r, LangCode::En)),
                    };
                    add(&mut s, &c);
                }
                s
            }
            _ => {
                let v = r.pick_ref(&self.thing_acts);
                self.tensed(r, v, num)
            }
        }
    }

    /// A full clause (no final punctuation).
    fn clause(&self, r: &mut Rng, depth: usize) -> String {
        let mut s = String::new();
        match r.weighted(&[28.0, 24.0, 14.0, 26.0, 8.0]) {
            0 => {
                add(&mut s, &self.human(r, true));
                add(&mut s, &self.vp_agent(r, Num::Sg, depth));
            }
            1 => {
                let (o, num) = self.org(r);
                add(&mut s, &o);
                add(&mut s, &self.vp_agent(r, num, depth));
            }
            2 => {
                add(&mut s, &self.group(r));
                add(&mut s, &self.vp_agent(r, Num::Pl, depth));
            }
            3 => {
                let (np, num) = self.thing_np(r, depth + 1);
                if r.chance(0.15) {
                    add(&mut s, if num == Num::Sg { "it" } else { "they" });
                } else {
                    add(&mut s, &np);
                }
                add(&mut s, &self.vp_thing(r, num, depth));
            }
            _ => {
                let (m, num) = self.measure(r);
                add(&mut s, &m);
                let v = r.pick_ref(&self.change);
                add(&mut s, &self.tensed(r, v, num));
                let c = match r.below(6) {
                    0 | 1 => format!("by {}", self.pct(r)),
                    2 => format!("to {}", self.approx(r)),
                    3 => format!("from {} to {}", count(r), count(r)),
                    4 => format!(
                        "for the {} {} in a row",
                        self.w(r, &self.ordinals),
                        r.pick(&["month", "year", "quarter", "week"])
                    ),
                    _ => String::new(),
                };
                add(&mut s, &c);
            }
        }
        if depth < 2 && r.chance(0.55) {
            add(&mut s, &self.end_adverbials(r, depth));
        }
        s
    }

    fn attribution(&self, r: &mut Rng) -> String {
        match r.below(12) {
            0..=2 => format!("{} said", self.human(r, true)),
            3 | 4 => {
                let h = self.human(r, false);
                if h == "he" || h == "she" {
                    format!("{h} said")
                } else {
                    format!("said {h}")
                }
            }
            5 => format!("{} said in a statement", self.org(r).0),
            6 => format!(
                "{} told {}",
                self.human(r, true),
                self.w(r, &self.report_targets)
            ),
            7 => format!("according to {}", self.agent(r)),
            8 => {
                let v = r.pick_ref(&self.think);
                format!("{} {}", self.human(r, true), v.form(Form::Past))
            }
            9 => format!("{} said {}", self.human(r, true), self.time_adv(r)),
            10 => format!(
                "{} {}",
                r.pick(&[
                    "officials",
                    "analysts",
                    "critics",
                    "observers",
                    "residents",
                    "insiders",
                    "sources"
                ]),
                r.pick(&["said", "say", "warned", "believe", "fear", "noted"])
            ),
            _ => format!(
                "{} wrote {}",
                self.human(r, true),
                r.pick(&[
                    "on social media",
                    "in a letter",
                    "in a blog post",
                    "in a report",
                    "in an email",
                    "in a newsletter"
                ])
            ),
        }
    }

    // --------------------------------------------------------- sentences

    fn s_plain(&self, r: &mut Rng) -> String {
        let mut s = String::new();
        if r.chance(0.35) {
            s = format!("{},", self.front(r, 0));
        }
        add(&mut s, &self.clause(r, 0));
        s
    }

    fn s_reported(&self, r: &mut Rng) -> String {
        match r.below(7) {
            0 | 1 => format!("{}, {}", self.clause(r, 1), self.attribution(r)),
            2 | 3 => {
                let v = r.pick_ref(&self.think);
                let who = self.human(r, true);
                let verb = if r.chance(0.7) {
                    v.form(Form::Past)
                } else {
                    format!("has {}", v.form(Form::Pp))
                };
                let that = if r.chance(0.6) { " that" } else { "" };
                format!("{who} {verb}{that} {}", self.clause(r, 1))
            }
            4 => format!("According to {}, {}", self.agent(r), self.clause(r, 1)),
            5 => format!(
                "In {} {}, {} said {}",
                r.pick(&["a", "a brief", "a joint", "a written", "its"]),
                r.pick(&[
                    "statement",
                    "report",
                    "letter",
                    "submission",
                    "interview",
                    "ruling"
                ]),
                self.org(r).0,
                self.clause(r, 1)
            ),
            _ => {
                let (o, num) = self.org(r);
                let v = r.pick_ref(&self.think);
                let verb = self.tensed(r, v, num);
                format!("{o} {verb} that {}", self.clause(r, 1))
            }
        }
    }

    fn quote_body(&self, r: &mut Rng) -> String {
        match r.below(10) {
            0 | 1 => {
                let v = r.pick_ref(&self.verbs);
                let mut s = String::from(r.pick(&["we", "they", "we", "you"]));
                add(&mut s, &self.tensed(r, v, Num::Pl));
                add(&mut s, &self.thing_np(r, 1).0);
                s
            }
            2 => format!(
                "I {} {}",
                r.pick(&[
                    "think",
                    "believe",
                    "hope",
                    "fear",
                    "suspect",
                    "doubt",
                    "am sure",
                    "am convinced",
                    "feel"
                ]),
                self.clause(r, 1)
            ),
            3 => {
                let adj = if r.chance(0.4) {
                    format!("{} {}", r.pick(DEGREE), self.w(r, &self.eval_adjs))
                } else {
                    self.w(r, &self.eval_adjs).to_string()
                };
                let subj = r.pick(&[
                    "this",
                    "it",
                    "that",
                    "the situation",
                    "the decision",
                    "what happened",
                ]);
                let be = r.pick(&[
                    "is",
                    "was",
                    "would be",
                    "will be",
                    "is not",
                    "has been",
                    "is simply",
                    "is frankly",
                ]);
                let tail = match r.below(4) {
                    0 => format!(" for {}", self.group(r)),
                    1 => format!(
                        " to {} {}",
                        r.pick_ref(&self.verbs).form(Form::Base),
                        self.thing_np(r, 1).0
                    ),
                    2 => format!(" that {}", self.clause(r, 1)),
                    _ => String::new(),
                };
                format!("{subj} {be} {adj}{tail}")
            }
            4 => format!(
                "there {} {} {}{}",
                r.pick(&["is", "was", "will be", "has been"]),
                r.pick(&[
                    "no",
                    "little",
                    "a lot of",
                    "real",
                    "genuine",
                    "growing",
                    "not enough",
                    "too much"
                ]),
                self.w(r, &self.mass),
                match r.below(3) {
                    0 => format!(" for {}", self.thing_np(r, 1).0),
                    1 => format!(" in {}", place(r, LangCode::En)),
                    _ => String::new(),
                }
            ),
            5 => {
                let v = r.pick_ref(&self.verbs);
                format!(
                    "our {} {} {}",
                    self.w(r, &self.groups),
                    self.tensed(r, v, Num::Pl),
                    self.thing_np(r, 1).0
                )
            }
            6 => {
                let v = r.pick_ref(&self.verbs);
                format!(
                    "{} {} {}",
                    r.pick(&["nobody", "no one", "everyone", "everybody", "nobody here"]),
                    self.tensed(r, v, Num::Sg),
                    self.thing_np(r, 1).0
                )
            }
            7 => {
                let v = r.pick_ref(&self.verbs);
                format!(
                    "we {} to {} {}",
                    r.pick(&[
                        "need",
                        "want",
                        "have",
                        "are ready",
                        "are not going",
                        "intend",
                        "hope",
                        "will continue"
                    ]),
                    v.form(Form::Base),
                    self.thing_np(r, 1).0
                )
            }
            _ => self.clause(r, 1),
        }
    }

    fn s_quote(&self, r: &mut Rng) -> String {
        let q = super::capitalise(&tidy(&self.quote_body(r)));
        match r.below(5) {
            0 | 1 => format!(
                "\"{q},\" {}",
                self.attribution(r).replace("according to", "said")
            ),
            2 => format!("{} said: \"{q}.\"", self.human(r, true)),
            3 => format!(
                "\"{q},\" {}. \"{}.\"",
                self.attribution(r).replace("according to", "said"),
                super::capitalise(&tidy(&self.quote_body(r)))
            ),
            _ => format!(
                "\"{q},\" {}, \"{}.\"",
                self.attribution(r).replace("according to", "said"),
                r.pick(&["and", "but", "because", "so"]).to_string()
                    + " "
                    + &tidy(&self.quote_body(r))
            ),
        }
    }

    fn s_compound(&self, r: &mut Rng) -> String {
        let conj = r.pick(&[
            ", but",
            ", and",
            ", while",
            ", although",
            " and",
            ", yet",
            ", so",
            "; meanwhile,",
            ", whereas",
        ]);
        format!("{}{conj} {}", self.clause(r, 1), self.clause(r, 1))
    }

    fn s_subordinate(&self, r: &mut Rng) -> String {
        let sub = self.w(r, &self.subords);
        if r.chance(0.5) {
            format!(
                "{} {}, {}",
                super::capitalise(sub),
                self.clause(r, 1),
                self.clause(r, 1)
            )
        } else {
            format!("{} {sub} {}", self.clause(r, 1), self.clause(r, 1))
        }
    }

    fn s_relative(&self, r: &mut Rng) -> String {
        if r.chance(0.5) {
            let (np, num) = self.thing_np(r, 1);
            let rel = match r.below(4) {
                0 => format!("which {}", self.vp_thing(r, num, 2)),
                1 => {
                    let v = r.pick_ref(&self.verbs);
                    format!("{} {}", v.form(Form::Pp), self.time_adv(r))
                }
                2 => format!(
                    "first {} {}",
                    r.pick(&["proposed", "announced", "suggested", "floated", "discussed"]),
                    self.time_adv(r)
                ),
                _ => format!(
                    "which {} {}",
                    r.pick(&[
                        "critics say",
                        "supporters say",
                        "officials say",
                        "some fear"
                    ]),
                    self.vp_thing(r, num, 2)
                ),
            };
            format!("{np}, {rel}, {}", self.vp_thing(r, num, 1))
        } else {
            let p = self.person(r);
            format!(
                "{}, who {}, {}",
                p.full(),
                self.vp_agent(r, Num::Sg, 2),
                self.vp_agent(r, Num::Sg, 1)
            )
        }
    }

    fn s_there(&self, r: &mut Rng) -> String {
        if r.chance(0.5) {
            let n = self.approx(r);
            let t = &r.pick_ref(&self.things).pl;
            format!(
                "There {} {n} {t} {} {}",
                r.pick(&["have been", "were", "are", "will be", "had been"]),
                self.place_adv(r),
                self.time_adv(r)
            )
        } else {
            format!(
                "There is {} {} {} {}",
                r.pick(&[
                    "growing",
                    "widespread",
                    "little",
                    "no",
                    "some",
                    "mounting",
                    "renewed",
                    "deep"
                ]),
                self.w(r, &self.reactions),
                r.pick(&[
                    "about",
                    "over",
                    "among residents about",
                    "in the sector over"
                ]),
                self.thing_np(r, 1).0
            )
        }
    }

    fn s_unclear(&self, r: &mut Rng) -> String {
        format!(
            "It {} {} {} {}",
            r.pick(&["is", "was", "remains", "remained", "is still"]),
            r.pick(&[
                "not clear",
                "unclear",
                "uncertain",
                "too early to say",
                "not yet known",
                "not known"
            ]),
            r.pick(&["whether", "when", "how", "why", "if", "how soon"]),
            self.clause(r, 1)
        )
    }

    fn s_figures(&self, r: &mut Rng) -> String {
        let v = r.pick_ref(&self.change);
        let mut s = String::new();
        if r.chance(0.3) {
            let source = r.pick(&[
                "figures",
                "data",
                "estimates",
                "a survey",
                "a study",
                "research",
                "a report",
                "the latest count",
                "records",
                "a poll",
                "an audit",
                "statistics",
            ]);
            let by = r.pick(&[
                "from",
                "by",
                "published by",
                "released by",
                "compiled by",
                "commissioned by",
                "obtained from",
                "gathered by",
                "seen by",
            ]);
            let front = r.pick(&[
                "According to",
                "Based on",
                "Going by",
                "Judging by",
                "Citing",
            ]);
            s = format!("{front} {source} {by} {},", self.org(r).0);
        }
        add(&mut s, &self.measure(r).0);
        add(&mut s, &v.form(Form::Past));
        let c = match r.below(4) {
            0 | 1 => format!("by {}", self.pct(r)),
            2 => format!("to {}", self.approx(r)),
            _ => format!("from {} to {}", count(r), count(r)),
        };
        add(&mut s, &c);
        add(&mut s, &self.time_adv(r));
        if r.chance(0.4) {
            let tail = match r.below(3) {
                0 => format!(
                    "the {} {} since {}",
                    r.pick(&["biggest", "smallest", "sharpest", "first"]),
                    r.pick(&["rise", "fall", "change", "increase", "drop"]),
                    year(r, 1990, 2022)
                ),
                1 => format!(
                    "compared with {} {}",
                    self.pct(r),
                    r.pick(&[
                        "a year earlier",
                        "in the previous quarter",
                        "last year",
                        "before the pandemic"
                    ])
                ),
                _ => format!("{} {}", r.pick(&["while", "as", "and"]), self.clause(r, 2)),
            };
            s.push(',');
            add(&mut s, &tail);
        }
        s
    }

    fn s_short(&self, r: &mut Rng) -> String {
        let (np, num) = self.thing_np(r, 2);
        let v = r.pick_ref(&self.thing_acts);
        format!("{np} {} {}", self.tensed(r, v, num), self.time_adv(r))
    }
}

#![allow(clippy::indexing_slicing)] // tests index fixed fixtures

use super::*;
use crate::gazetteer::Gazetteer;
use crate::text::Document;

fn mentions(text: &str) -> (Vec<String>, Vec<(String, Rejection)>) {
    let g = Gazetteer::builtin().unwrap();
    let doc = Document::new(text);
    let r = recognize(&doc, &g, &RecognizeOptions::default());
    let accepted = r
        .mentions
        .iter()
        .map(|m| doc.span_text(&m.span).to_string())
        .collect();
    let rejected = r
        .rejected
        .iter()
        .map(|x| (doc.span_text(&x.span).to_string(), x.reason))
        .collect();
    (accepted, rejected)
}

/// Each accepted mention's text with its number of candidates (0: kept unresolved).
fn found_with_candidates(text: &'static str) -> Vec<(&'static str, usize)> {
    let g = Gazetteer::builtin().unwrap();
    let doc = Document::new(text);
    let r = recognize(&doc, &g, &RecognizeOptions::default());
    r.mentions
        .iter()
        .map(|m| (doc.span_text(&m.span), m.candidates.len()))
        .collect()
}

#[test]
fn wire_story_names_and_traps() {
    let (m, r) = mentions(
        "TEL AVIV — The Syrian army is fighting near Raqqa, Syria, and in Mosul. \
         From Baghdad, officials flew on. But the Shi'ite militias stayed in Deir ez-Zor.",
    );
    assert_eq!(
        m,
        [
            "TEL AVIV",
            "Syrian",
            "Raqqa",
            "Syria",
            "Mosul",
            "Baghdad",
            "Deir ez-Zor"
        ]
    );
    assert!(
        r.contains(&("Shi'ite".to_string(), Rejection::Stopword)),
        "{r:?}"
    );
    assert!(
        r.contains(&("From".to_string(), Rejection::SentenceInitialWord)),
        "{r:?}"
    );
}

#[test]
fn names_inside_people_and_organisations() {
    let g = Gazetteer::builtin().unwrap();
    let text = "Jordan Peterson told Breitbart Jerusalem and the Washington Post that Mr. Paris \
                left. Gregory Hartl spoke. Later Hartl said no.";
    let doc = Document::new(text);
    let r = recognize(&doc, &g, &RecognizeOptions::default());
    // Places named inside outlets are mentions, marked as such (they become sources).
    let kept: Vec<(&str, bool)> = r
        .mentions
        .iter()
        .map(|m| (doc.span_text(&m.span), m.in_organisation))
        .collect();
    assert_eq!(
        kept,
        [("Jerusalem", true), ("Washington", true)],
        "{:?}",
        r.rejected
    );
    // People are not places: a first name before a surname, a title, and the same surname
    // later in the document.
    let rejected: Vec<(&str, Rejection)> = r
        .rejected
        .iter()
        .map(|x| (doc.span_text(&x.span), x.reason))
        .collect();
    assert!(
        rejected.contains(&("Jordan", Rejection::InsideName)),
        "{rejected:?}"
    );
    assert!(
        rejected.contains(&("Paris", Rejection::PersonTitle)),
        "{rejected:?}"
    );
    assert!(
        rejected.contains(&("Hartl", Rejection::KnownName)),
        "{rejected:?}"
    );
}

#[test]
fn abbreviations_follow_their_rules() {
    let (m, _) = mentions(
        "Floods hit Springfield, Ill., and Charleston, W.Va., said U.S. officials, who went to Mass. IN the end.",
    );
    assert_eq!(
        m,
        ["Springfield", "Ill.", "Charleston", "W.Va.", "U.S."],
        "Mass. and IN are ordinary words here"
    );
}

#[test]
fn articles_scripts_and_case() {
    let (m, _) = mentions("Fighters left al-Raqqa for الموصل and then RAQQA again.");
    // Five capitals mid-sentence are a name written in capitals, not an acronym.
    assert_eq!(m, ["al-Raqqa", "الموصل", "RAQQA"]);
}

#[test]
fn capitalised_common_words() {
    let (m, r) = mentions("In March the Police said Reading and Nice were calm.");
    assert_eq!(m, ["Reading", "Nice"], "{r:?}");
}

#[test]
fn currencies_and_pathogens_named_after_places_are_not_mentions() {
    let (m, r) = mentions(
        "The fund gave US$460 million and HK$20 million to Manila, where pigs carried the \
         Reston ebolavirus; Ebola-Reston and Marburg hemorrhagic fever are rare in the US.",
    );
    assert_eq!(m, ["Manila", "US"], "{r:?}");
    assert!(
        r.iter()
            .filter(|(_, why)| *why == Rejection::DiseaseName)
            .count()
            >= 3,
        "{r:?}"
    );
}

#[test]
fn a_surname_proven_a_place_is_a_place_throughout_the_document() {
    // "Ferguson" is a common surname and a town of 21,000: alone it is taken for a person,
    // after "in" or as a hashtag it is the town, and then the whole document agrees, except
    // where a verb of saying makes it a person again.
    let (m, r) = mentions(
        "Ferguson police fired tear gas. Crowds grew in Ferguson overnight. \
         Ferguson said little.",
    );
    assert_eq!(m, ["Ferguson", "Ferguson"], "{r:?}");
    assert!(
        r.contains(&("Ferguson".to_string(), Rejection::PersonName)),
        "{r:?}"
    );
    let (m, _) = mentions("Solidarity marches tonight. #Ferguson");
    assert_eq!(m, ["Ferguson"]);
    let (m, r) = mentions("Ferguson scored twice. Ferguson was booked later.");
    assert!(m.is_empty(), "{m:?} {r:?}");
}

#[test]
fn hashtags_run_together_or_in_lower_case_name_well_known_places() {
    let (m, r) = mentions("Ebola update #SierraLeone #iran #SanFrancisco #love #nice #mosul");
    assert_eq!(m, ["SierraLeone", "iran", "SanFrancisco", "mosul"], "{r:?}");
    // Outside a hashtag, lower case is still not a name.
    let (m, _) = mentions("we talked about iran and mosul");
    assert!(m.is_empty(), "{m:?}");
    // A surname-like town tagged in lower case reads as the same tag in capitals; a person
    // in the news is the person either way.
    let (m, r) = mentions("police changed tactics in #ferguson and #Ferguson, says #Obama #obama");
    assert_eq!(m, ["ferguson", "Ferguson"], "{r:?}");
}

#[test]
fn places_among_the_words_of_a_hashtag() {
    let (m, r) = mentions(
        "Vigils tonight #PrayForGaza #1988IranMassacre #SyriaTalksGeneva \
         #NoMore #WestVan #MichaelBrown #LoveWins",
    );
    assert_eq!(m, ["Gaza", "Iran", "Syria", "Geneva"], "{r:?}");
    // A region by its own name counts; a town named like a person only last, after a
    // preposition ("#PrayForFerguson"), and never before a surname ("#JusticeForMichaelBrown").
    let (m, r) =
        mentions("Relief #KashmirFloods #Kashmir #PrayForFerguson #JusticeForMichaelBrown");
    assert_eq!(m, ["Kashmir", "Kashmir", "Ferguson"], "{r:?}");
    let (m, r) = mentions("Protests go on #FergusonOctober #MichaelFor");
    assert!(m.is_empty(), "{m:?} {r:?}");
    // The mention covers its words only, with offsets inside the hashtag.
    let g = Gazetteer::builtin().unwrap();
    let doc = Document::new("Rally #PrayForGaza");
    let found = recognize(&doc, &g, &RecognizeOptions::default());
    let span = found.mentions[0].span;
    assert_eq!((span.char_start.0, span.char_end.0), (14, 18));
    assert_eq!((span.byte_start.0, span.byte_end.0), (14, 18));
    // Non-ASCII letters before the name count once as code points.
    let doc = Document::new("É #ÉvacuationDeGaza");
    let found = recognize(&doc, &g, &RecognizeOptions::default());
    let span = found.mentions[0].span;
    assert_eq!(doc.span_text(&span), "Gaza");
    assert_eq!((span.char_start.0, span.char_end.0), (15, 19));
    assert_eq!((span.byte_start.0, span.byte_end.0), (17, 21));
}

#[test]
fn informal_words_of_social_media_are_not_places() {
    // GeoNames lists "Haha" (Hakha), "Nah" (Nehbandan) and "Ole" (Auray) among its aliases.
    let (m, r) = mentions("Haha that was close. Nah, not again. Ole Miss won in Oxford tonight.");
    assert_eq!(m, ["Oxford"], "{r:?}");
}

#[test]
fn people_in_the_news_named_like_places_are_people() {
    // GeoNames has a town Obama in Fukui and "Mubarak" as an alias of Mobarakeh.
    let (m, r) = mentions("Obama spoke with Mubarak by phone, and Merkel later flew to Cairo.");
    assert_eq!(m, ["Cairo"], "{r:?}");
}

#[test]
fn news_agencies_cited_as_sources_are_not_places() {
    // "Xinhua" is a GeoNames alias of Shangmei, "Tass" a village in Hungary.
    let (m, r) = mentions("Xinhua and Tass reported the quake near Beijing, citing officials.");
    assert_eq!(m, ["Beijing"], "{r:?}");
}

#[test]
fn british_spellings_of_ordinary_words_are_words() {
    // "Centre" is a region of Cameroon; "in Centre" still names it.
    let (m, r) = mentions(
        "Officials at the Centre warned on Monday that cases in Leeds rose. \
         Troops moved in Centre.",
    );
    assert_eq!(m, ["Leeds", "Centre"], "{r:?}");
    assert!(
        r.contains(&("Centre".to_string(), Rejection::CommonWord)),
        "{r:?}"
    );
}

#[test]
fn of_after_a_word_of_residence_or_direction_introduces_a_place() {
    // "Augusta" and "Tyler" are also census first names: alone they are people.
    let (m, r) = mentions(
        "Ruth Glick, formerly of Augusta, died on Monday. The storm passed north of Tyler. \
         Augusta thanked the nurses.",
    );
    assert_eq!(m, ["Augusta", "Tyler", "Augusta"], "{r:?}");
    let (m, r) = mentions("The letter of Augusta was read aloud.");
    assert!(m.is_empty(), "{m:?} {r:?}");
}

#[test]
fn names_in_a_list_of_counties_are_places() {
    // "Grant" and "Swift" are ordinary words, "Jackson" a person's name, alone.
    let (m, r) = mentions(
        "Flood warnings cover Becker, Grant, Swift and Wilkin counties. Jackson and Barrow \
         counties cut jobs. Grant said the swift water rose.",
    );
    assert_eq!(
        m,
        ["Becker", "Grant", "Swift", "Wilkin", "Jackson", "Barrow"],
        "{r:?}"
    );
}

#[test]
fn people_of_states_and_provinces_are_demonyms_of_them() {
    let g = Gazetteer::builtin().unwrap();
    let text = "Ohioans and Texans voted, and so did Ontarians; The New Yorker reported it.";
    let doc = Document::new(text);
    let r = recognize(&doc, &g, &RecognizeOptions::default());
    let found: Vec<(&str, &str, MentionKind)> = r
        .mentions
        .iter()
        .map(|m| (doc.span_text(&m.span), m.candidates[0].place.name, m.kind))
        .collect();
    assert_eq!(
        found,
        [
            ("Ohioans", "Ohio", MentionKind::Demonym),
            ("Texans", "Texas", MentionKind::Demonym),
            ("Ontarians", "Ontario", MentionKind::Demonym),
        ]
    );
}

#[test]
fn the_state_of_a_legislators_party_designation_is_a_place() {
    // "D-N" is an alias of Dierkow-Neu; the letter made "Ohio" look like part of a name.
    let (m, r) = mentions(
        "Sen. Byron Dorgan, D-N.D., asked why. Rep. Nick Rahall, D-W. Va., agreed, and \
         Rep. Jane Doe, R-Ohio, did not. I-95 was closed.",
    );
    assert_eq!(m, ["N.D.", "W. Va.", "Ohio"], "{r:?}");
}

#[test]
fn a_title_of_office_after_a_name_makes_it_the_place_governed() {
    // "Monroe" is a census first name, and a capitalised word after a name made it a person's.
    let (m, r) = mentions(
        "The bridge matters, said Monroe Mayor Robert Routson. Former Arkansas Gov. Mike \
         Huckabee spoke later.",
    );
    assert_eq!(m, ["Monroe", "Arkansas"], "{r:?}");
}

#[test]
fn a_short_word_that_is_only_an_alternate_name_is_no_place() {
    // GeoNames lists "Jin" as a name of Tsu (Japan) and "Foto" of other places; none is called
    // so by its own name. "Rye" and "Ely" are places' own names and stay.
    let (m, r) = mentions("Jin escaped from the zoo near Ely, and Foto shoppers in Rye agreed.");
    assert_eq!(m, ["Ely", "Rye"], "{r:?}");
    assert!(
        r.contains(&("Jin".to_string(), Rejection::ShortAlias)),
        "{r:?}"
    );
    // A county's bare name is an alternate name too, and stays.
    let (m, r) = mentions("Deputies from Cass and Otoe counties searched the river.");
    assert_eq!(m, ["Cass", "Otoe"], "{r:?}");
}

#[test]
fn a_short_alternate_name_after_a_word_of_place_is_one_where_its_country_is_named() {
    // "Qaim" is Al Qā'im without its article, "Azaz" an alternate name of I'zāz, "Tanf" of
    // the al-Tanf garrison: short forms the rule above rejects alone.
    let (m, r) = mentions(
        "Iraqi forces entered Qaim as fighting went on near Azaz, Tanf and the Syrian city \
         of Aleppo, officials in Baghdad said.",
    );
    assert_eq!(
        m,
        ["Iraqi", "Azaz", "Tanf", "Syrian", "Aleppo", "Baghdad"],
        "{r:?}"
    );
    let (m, r) = mentions(
        "Forces fought in Qaim and near Azaz, Tanf and Aleppo, officials in Baghdad said.",
    );
    assert_eq!(m, ["Qaim", "Azaz", "Tanf", "Aleppo", "Baghdad"], "{r:?}");
    // Or before a word of war or area: "the T4 airbase" (the Tiyas airbase's other name).
    let (m, r) = mentions("Jets struck the T4 airbase near Palmyra.");
    assert_eq!(m, ["T4", "Palmyra"], "{r:?}");
    // Where the document names none of their countries they stay rejected, and so do short
    // forms that open a longer name or a person's words.
    let (m, r) = mentions("Talks in Qaim and near Azaz ended. Cases at Duke University rose.");
    assert!(m.is_empty(), "{m:?}");
    assert!(
        r.contains(&("Qaim".to_string(), Rejection::ShortAlias)),
        "{r:?}"
    );
    let (m, r) = mentions("Patients at Duke University in Durham, North Carolina, recovered.");
    assert_eq!(m, ["Durham", "North Carolina"], "{r:?}");
}

#[test]
fn an_article_joined_by_a_hyphen_is_no_name_alone() {
    // "Al" is also Ål, Norway: "Al-Sukhnah" was "Al" and then "Sukhnah".
    let (m, r) = mentions("Troops entered Al-Sukhnah and al-Taji, officials in Syria said.");
    assert_eq!(m, ["Al-Sukhnah", "al-Taji", "Syria"], "{r:?}");
}

#[test]
fn a_name_may_run_on_across_an_apostrophe() {
    // A single letter before an apostrophe opens a name, and the lower-case rest of a word
    // after one may close it; the "O'" and "D'" of family names do not open one (O'Connor,
    // O'Neill and D'Angelo are also towns), and a possessive stays outside.
    let (m, r) = mentions(
        "Flights left N'Djamena for L'Aquila. Shelling hit A'zaz and Dara'a in Syria. \
         O'Neill and D'Angelo said Syria's army was in Homs.",
    );
    assert_eq!(
        m,
        [
            "N'Djamena",
            "L'Aquila",
            "A'zaz",
            "Dara'a",
            "Syria",
            "Syria",
            "Homs"
        ],
        "{r:?}"
    );
}

#[test]
fn a_post_may_write_a_country_or_region_in_lower_case() {
    // A short text with a handle, hashtag or link is a post: there "nigeria" and "ohio" are
    // places; ordinary words ("china", "turkey"), people ("jordan"), demonyms, parts named by
    // a direction ("west africa"), cut words ("takeo…") and links are not.
    let (m, r) = mentions(
        "@WHO measles in nigeria and ohio, not in west africa; china turkey jordan american \
         takeo… http://t.co/japan #health",
    );
    assert_eq!(m, ["nigeria", "ohio"], "{r:?}");
    // Outside a post lower case is no name.
    let (m, r) = mentions("The measles cases in nigeria and ohio rose.");
    assert!(m.is_empty(), "{m:?} {r:?}");
}

#[test]
fn names_inside_a_handle_are_accounts_not_places() {
    let (m, r) =
        mentions("RT @Tokyo_Trev: Europeans in Tokyo agree. @PIB_India said so, see #India.");
    assert_eq!(m, ["Tokyo", "India"], "{r:?}");
    // Abbreviations are accounts too: "@US_FDA", "@Queen_UK" (the abbreviation reader once
    // ran before the handle test).
    let (m, r) = mentions("RT @US_FDA: flu shots are safe. @Queen_UK and @DFID_UK agree on Kenya.");
    assert_eq!(m, ["Kenya"], "{r:?}");
}

#[test]
fn a_shouted_us_is_the_pronoun_after_a_verb_and_the_country_after_the() {
    let (m, r) = mentions(
        "GOD MEET US ON THE LINE TONIGHT. THEY WANT TO COW US AND CONTROL OUR ACTIONS. \
         EBOLA IS IN THE US. OBAMA SENDS US TROOPS TO LIBERIA. UK AND US AGREE.",
    );
    assert_eq!(m, ["US", "US", "LIBERIA", "UK", "US"], "{r:?}");
    // In ordinary prose "us" is lower case and no abbreviation is read at all.
    let (m, _) = mentions("Let us meet in the US.");
    assert_eq!(m, ["US"]);
}

#[test]
fn spaced_abbreviations_are_read_with_their_last_period_but_initials_are_people() {
    let (m, r) = mentions(
        "Charleston, S. C., January 14, 1864. Sent to Washington, D. C., and to Santa Fe, \
         N. Mex., by Lieutenant S. C. Boylston and General N. J. T. Dana.",
    );
    assert_eq!(
        m,
        [
            "Charleston",
            "S. C.",
            "Washington",
            "D. C.",
            "Santa Fe",
            "N. Mex."
        ],
        "{r:?}"
    );
}

#[test]
fn a_name_after_initials_is_a_person_and_after_compass_initials_a_place() {
    let (m, r) = mentions(
        "The driver hit Terry A. Corbin near Urbana. Corbin died later. Fire damaged a N.W. \
         Rochester house and aid went to W. Africa.",
    );
    assert_eq!(m, ["Urbana", "Rochester", "Africa"], "{r:?}");
}

#[test]
fn a_fort_the_gazetteer_lacks_is_one_mention_of_its_whole_name() {
    let (m, r) = mentions(
        "The garrison of Fort Sumter fired on the boats. Troops left Camp Nelson for Fort \
         Walla Walla. Camp fires burned. Fort Worth police said so.",
    );
    assert_eq!(
        m,
        [
            "Fort Sumter",
            "Camp Nelson",
            "Fort Walla Walla",
            "Fort Worth"
        ],
        "{r:?}"
    );
}

#[test]
fn indians_are_india_s_only_where_the_text_names_an_indian_place() {
    let (m, r) = mentions("Raiding Indians stole horses near Denver.");
    assert_eq!(m, ["Denver"], "{r:?}");
    assert!(
        r.contains(&("Indians".to_string(), Rejection::UncorroboratedDemonym)),
        "{r:?}"
    );
    let (m, r) = mentions("Indian troops moved to Srinagar after the floods.");
    assert_eq!(m, ["Indian", "Srinagar"], "{r:?}");
    // Other demonyms need no such proof.
    let (m, r) = mentions("Syrian troops moved north.");
    assert_eq!(m, ["Syrian"], "{r:?}");
}

#[test]
fn a_state_in_a_numbered_unit_s_name_is_no_place() {
    let (m, r) = mentions(
        "The Fifth New York Cavalry and the 111th Ohio Volunteers crossed into Virginia. \
         HDQRS. 111TH REGIMENT NEW YORK VOLUNTEERS. Militia from Kansas came later.",
    );
    assert_eq!(m, ["Virginia", "Kansas"], "{r:?}");
    assert!(
        r.contains(&("New York".to_string(), Rejection::MilitaryUnit)),
        "{r:?}"
    );
    // The arm of service may stand between the number and the state, after a comma too.
    let (m, r) = mentions(
        "J. R. WEST, Colonel First Infantry California Volunteers, Commanding, Tucson. \
         Major, Eleventh Cavalry, Missouri State Militia. Colonel Second Infty. California \
         Vols. The column from California arrived.",
    );
    assert_eq!(m, ["Tucson", "California"], "{r:?}");
}

#[test]
fn a_hashtag_of_a_postal_code_is_the_state_unless_the_code_is_a_word() {
    let (m, r) =
        mentions("New #tornado warnings straddle the #AR and #TN state line. #OK then, #ME too.");
    assert_eq!(m, ["AR", "TN"], "{r:?}");
}

#[test]
fn west_nile_is_the_virus_and_upper_nile_the_state() {
    let (m, r) = mentions(
        "Health officials counted more West Nile cases in Texas. Fighting in Upper Nile went on.",
    );
    assert_eq!(m, ["Texas", "Upper Nile"], "{r:?}");
}

#[test]
fn armed_groups_named_with_places_are_not_places() {
    // "Boko" is Bouko and "Haram" a Norwegian town; "al-Sham" is Damascus, "al-Quds"
    // Jerusalem, "Taiba" a Chinese town. The places the same sentences name stay.
    let (m, r) = mentions(
        "Boko Haram fighters raided Maiduguri. Ahrar al-Sham and Liwa al-Quds shelled Aleppo, \
         and Lashkar-e-Taiba was blamed in Mumbai.",
    );
    assert_eq!(m, ["Maiduguri", "Aleppo", "Mumbai"], "{r:?}");
    let groups: Vec<&str> = r
        .iter()
        .filter(|(_, why)| *why == Rejection::Stopword)
        .map(|(text, _)| text.as_str())
        .collect();
    assert_eq!(
        groups,
        [
            "Boko Haram",
            "Ahrar al-Sham",
            "Liwa al-Quds",
            "Lashkar-e-Taiba"
        ],
        "{r:?}"
    );
}

#[test]
fn people_named_like_places_are_people_in_headlines_too() {
    // A title-case headline and a signature in capitals: no capitals to tell names apart.
    let (m, r) = mentions(
        "Watch President Obama Deliver Remarks About the Violence in Ferguson\n\
         Reasons Morris Will Not Go To Texas\n\nW. T. SHERMAN, Major-General.",
    );
    assert_eq!(m, ["Ferguson", "Texas"], "{r:?}");
}

#[test]
fn hashtag_words_split_at_capitals_and_digits() {
    let words = |s: &str| -> Vec<String> {
        hashtag_words(s)
            .into_iter()
            .map(|(a, b)| s[a..b].to_string())
            .collect()
    };
    assert_eq!(words("PrayForGaza"), ["Pray", "For", "Gaza"]);
    assert_eq!(words("NYCMarathon2014"), ["NYC", "Marathon", "2014"]);
    assert_eq!(words("iran"), ["iran"]);
    assert_eq!(words("ÉvacuationDeGaza"), ["Évacuation", "De", "Gaza"]);
}

#[test]
fn the_united_states_without_its_last_period() {
    let (m, _) = mentions("Protests spread across the U.S tonight, and U.S-led talks stalled.");
    assert_eq!(m, ["U.S", "U.S"]);
}

#[test]
fn names_end_before_descriptions_and_at_sentence_ends() {
    let (m, _) = mentions(
        "A quake hit Hatay province and Kaduna state. It strained ties between Austin and \
         Washington. State troopers came from St. Louis, Sault Ste. Marie and ST. PAUL.",
    );
    assert_eq!(
        m,
        [
            "Hatay",
            "Kaduna",
            "Austin",
            "Washington",
            "St. Louis",
            "Sault Ste. Marie",
            "ST. PAUL"
        ]
    );
}

#[test]
fn a_preposition_or_a_region_after_a_comma_makes_a_word_a_town() {
    let (m, r) = mentions(
        "A second case was found, this time in Flagstaff. Union leaders in Springfield said \
         the state should pay. The victims were from Gary, Indiana. Sales rose in March.",
    );
    assert_eq!(m, ["Flagstaff", "Springfield", "Gary", "Indiana"], "{r:?}");
    let (m, _) = mentions("Flagstaff sales rose. Gary said nothing.");
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn people_named_like_places() {
    // Initials, particles, firms of partners, presidencies, and a name the document later
    // shows to be a person's.
    let (m, r) = mentions(
        "Capt. Roy A. Nelson said the tenant, Brian O'Connor, left. Stevens & Wilkinson \
         sued. The Obama administration agreed.",
    );
    assert!(m.is_empty(), "{m:?} {r:?}");
    let (m, r) = mentions("Since Obama took office, Barack Obama has travelled to Paris.");
    assert_eq!(m, ["Paris"], "{r:?}");
    // The Isle of Man's parishes are first-level units named Michael and Patrick; a small
    // country's units do not keep their names against the person filters.
    let (m, r) =
        mentions("We met Michael and Patrick yesterday. Parades marked St. Patrick's Day.");
    assert!(m.is_empty(), "{m:?} {r:?}");
    // A surname after "said" that ends the clause.
    let (m, r) = mentions("“It was as good as it gets,” said Kinney. Others agreed.");
    assert!(m.is_empty(), "{m:?} {r:?}");
    // A possessive after "in" is an owner, not a place ("in Abbas's party").
    let (m, r) = mentions("Critics in Abbas's party disagreed with Obama.");
    assert!(m.is_empty(), "{m:?} {r:?}");
}

#[test]
fn a_town_s_police_and_protests_make_a_surname_the_town() {
    let (m, r) = mentions(
        "Ferguson police fired tear gas. Ferguson protesters marched. The Ferguson Police \
         Department said nothing.",
    );
    assert_eq!(m, ["Ferguson", "Ferguson", "Ferguson"], "{r:?}");
    // An ordinary word before the noun stays a word; a surname alone stays a person.
    let (m, r) = mentions("Is the Fuck the Police protest real? Ferguson won the game.");
    assert!(m.is_empty(), "{m:?} {r:?}");
}

#[test]
fn a_name_seen_inside_a_person_s_name_is_still_a_town_where_the_context_says_so() {
    // "Question Ferguson Police Training" reads as one capitalised run, so Ferguson is
    // remembered as part of a name; "Ferguson, Missouri" is still the town.
    let (m, r) = mentions(
        "Retired Officers Question Ferguson Police Training: marchers returned to the \
         streets of Ferguson, Missouri, on Sunday.",
    );
    assert_eq!(m, ["Ferguson", "Missouri"], "{r:?}");
    let (m, r) = mentions(
        "Critics said former president Jimmy Carter erred. Crowds stood outside Carter's office.",
    );
    assert!(m.is_empty(), "{m:?} {r:?}");
}

#[test]
fn a_natural_feature_the_gazetteer_lacks_is_one_unresolved_mention() {
    // Natural Earth has the Kanawha, so "Kanawha River" is found (as "River Thames" is); it
    // lacks the Catawba, whose name Catawba County carries.
    let found = found_with_candidates(
        "Barges moved down the Catawba River past the Las Vegas Valley Water District office. \
         Fans of Ohio State met at Catawba River Community College on the Kanawha River.",
    );
    // The river and the valley are named whole and left unresolved; a run that goes on
    // ("Water District", "Community College") names something else, and after "State" the
    // corpora mark the state alone.
    assert_eq!(found[0], ("Catawba River", 0), "{found:?}");
    assert!(
        found.iter().all(|(s, _)| *s != "Las Vegas Valley"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(s, n)| *s == "Ohio" && *n > 0),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(s, n)| *s == "Catawba" && *n > 0),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(s, n)| *s == "Kanawha River" && *n > 0),
        "{found:?}"
    );
    let (m, r) = mentions("Tourists crowded the Las Vegas Valley last week.");
    assert_eq!(m, ["Las Vegas Valley"], "{r:?}");
    // A feature whose name the gazetteer does not know at all is named whole, unresolved;
    // not when the run goes on ("Snake River Plain", "Lake Road") or opens with "From".
    let found = found_with_candidates(
        "Batteries on Folly Island fired. The scouts crossed the Snake River and camped by \
         Lake Opechee. From Grand River they rode along Lake Road to the Snake River Plain.",
    );
    assert_eq!(
        found,
        [
            ("Folly Island", 0),
            ("Snake River", 0),
            ("Lake Opechee", 0),
            ("Grand River", 2)
        ]
    );
    // Passes, crossings and landings are named for places too.
    let (m, r) = mentions("The train went back through Apache Pass to the San Diego Crossing.");
    assert_eq!(m, ["Apache Pass", "San Diego Crossing"], "{r:?}");
}

#[test]
fn an_ordinary_word_closing_a_capitalised_name_is_no_town() {
    // "Man" is also a town of 190,000 in Côte d'Ivoire.
    let (m, r) = mentions(
        "Thousands drove to Burning Man again. The Liberian Man who fell ill was treated in \
         Dallas.",
    );
    assert_eq!(m, ["Liberian", "Dallas"], "{r:?}");
    assert!(
        r.contains(&("Man".to_string(), Rejection::CommonWord)),
        "{r:?}"
    );
    // A compass word before the town names a part of it.
    let (m, r) = mentions("A road sign in East Oxford was damaged.");
    assert_eq!(m, ["Oxford"], "{r:?}");
}

#[test]
fn a_name_hyphenated_to_a_word_that_is_no_place_is_part_of_a_compound() {
    let (m, r) =
        mentions("The Virginian-Pilot reported that the African-American Affairs Commission met.");
    assert!(m.is_empty(), "{m:?} {r:?}");
    // Not a party letter, nor a pair of places.
    let (m, r) = mentions("Rep. Jane Doe, D-Charleston, spoke about the Syria-Iraq border.");
    assert_eq!(m, ["Charleston", "Syria-Iraq border"], "{r:?}");
}

#[test]
fn contexts_that_make_ordinary_words_places() {
    let (m, r) = mentions(
        "A dead swan was found in Fife. Mark Kitsmore, 54, of Tyler said so. Aid reached \
         sub-Saharan Africa, Jammu & Kashmir and villages in Eastern Indonesia.",
    );
    assert_eq!(
        m,
        ["Fife", "Tyler", "Africa", "Jammu & Kashmir", "Indonesia"],
        "{r:?}"
    );
}

#[test]
fn a_postal_code_after_in_is_the_state() {
    let (m, r) = mentions(
        "Lyme disease is common in NY and in NJ, doctors in Boston said. Then we stayed in OR \
         near the lake, as in ME.",
    );
    assert_eq!(m, ["NY", "NJ", "Boston"], "{r:?}");
    // San Francisco's "SF" counts where a state's code would ("in SF"), not elsewhere.
    let (m, r) = mentions("We met in SF on Monday. Great SF novels are rare.");
    assert_eq!(m, ["SF"], "{r:?}");
}

#[test]
fn a_place_in_an_association_s_name_is_no_first_name() {
    // "Georgia Educators" is no person: "Association of" makes the run an organisation's.
    let (m, r) =
        mentions("a spokesman for the Professional Association of Georgia Educators said.");
    assert_eq!(m, ["Georgia"], "{r:?}");
}

#[test]
fn a_country_after_a_first_name_and_initials_is_a_surname() {
    let (m, r) = mentions("Later, Matthew D. Jordan said troops in S. Korea and N. Korea moved.");
    assert_eq!(m, ["S. Korea", "N. Korea"], "{r:?}");
    assert!(
        r.contains(&("Jordan".to_string(), Rejection::InsideName)),
        "{r:?}"
    );
}

#[test]
fn a_postal_code_right_after_a_town_of_its_state_is_the_state() {
    // Posts leave the comma out: "Kingsport TN". Not after a town the state does not have,
    // nor after a word that is no place.
    let (m, r) = mentions("Can't wait to hit Kingsport TN and Fargo ND. Boston OK? Gold ME too.");
    assert_eq!(m, ["Kingsport", "TN", "Fargo", "ND", "Boston"], "{r:?}");
}

#[test]
fn a_first_name_before_a_surname_is_a_person_even_when_the_surname_is_a_word_or_a_place() {
    let (m, r) = mentions(
        "The crash was caused by speed, said Sgt. Michael Green of the police. \
         \"It was busy,\" said Michael E. Berland, a vice president. Crews from Logan County \
         and Lincoln Park helped, and the protest in Mary ended.",
    );
    assert!(!m.iter().any(|x| x == "Michael"), "{m:?}");
    assert!(
        r.contains(&("Michael".to_string(), Rejection::InsideName)),
        "{r:?}"
    );
    // The place words keep the run a place; a preposition of place keeps the name a place.
    assert!(m.iter().any(|x| x == "Logan County"), "{m:?}");
    assert!(m.iter().any(|x| x == "Mary"), "{m:?}");
}

#[test]
fn a_memo_used_with_another_gazetteer_forgets_the_first() {
    // A small gazetteer of a user's own places, beside the built-in one.
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gazetteer/mini-custom.tsv");
    let mut c = crate::gazetteer::compile::Compiler::new();
    let source = c.add_source("custom", "test", "test");
    crate::gazetteer::compile::add_file(&mut c, &fixture, source).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mini.gmz");
    let mut bytes = Vec::new();
    c.finish(&mut bytes).unwrap();
    std::fs::write(&path, bytes).unwrap();
    let custom = Gazetteer::open(&path).unwrap();
    let builtin = Gazetteer::builtin().unwrap();

    let doc = Document::new("Troops left Camp Alpha and Alpha Base for Mosul.");
    let found = |r: &Recognition<'_>| -> Vec<String> {
        r.mentions
            .iter()
            .map(|m| doc.span_text(&m.span).to_string())
            .collect()
    };
    let options = RecognizeOptions::default();
    let fresh = found(&recognize(&doc, &custom, &options));
    assert!(fresh.contains(&"Camp Alpha".to_string()), "{fresh:?}");
    // The memo's index states are the built-in index's; with the custom gazetteer they must
    // not be reused (they would walk the wrong index).
    let mut memo = Memo::new();
    let _ = recognize_with(&doc, &builtin, &options, &mut memo);
    assert_eq!(
        found(&recognize_with(&doc, &custom, &options, &mut memo)),
        fresh
    );
}

#[test]
fn a_surname_like_name_listed_with_a_place_is_a_place() {
    // The whole list, from the one place in it.
    let (m, r) = mentions("New routes would run through Monroe, Trenton and Seven Mile.");
    assert_eq!(m, ["Monroe", "Trenton", "Seven Mile"], "{r:?}");
    let (m, r) = mentions("Feedback from the Gainesville and Lindsay communities was good.");
    assert_eq!(m, ["Gainesville", "Lindsay"], "{r:?}");
    // Not a person's full name, not after a quotation, not beside another person-like name.
    let (m, r) = mentions("Coordinator Jim Ed McDaniel and London staff met.");
    assert_eq!(m, ["London"], "{r:?}");
    let (m, r) = mentions("\"Flu is back in Egypt,\" Hassan told reporters.");
    assert_eq!(m, ["Egypt"], "{r:?}");
    let (m, r) = mentions("Songs by Peter, Paul and Mary played all night.");
    assert!(!m.contains(&"Peter".to_string()), "{m:?} {r:?}");
}

#[test]
fn a_name_first_met_in_a_name_is_a_place_everywhere_once_its_context_places_it() {
    // "Logan-Rogersville" reads as a name, so "Rogersville" is remembered as one; "study in
    // Rogersville" places it, and then every standalone "Rogersville" is the town.
    let (m, r) = mentions(
        "Logan-Rogersville pupils moved. In 1965, Rogersville voted to merge. Older pupils \
         study in Rogersville. Stephen Hawking spoke; Stephen smiled.",
    );
    let towns = m.iter().filter(|x| x.as_str() == "Rogersville").count();
    assert_eq!(towns, 2, "{m:?} {r:?}");
    assert!(!m.contains(&"Stephen".to_string()), "{m:?} {r:?}");
}

#[test]
fn a_feature_named_for_its_owner_is_one_unresolved_mention() {
    let found = found_with_candidates(
        "The corps crossed at Morton's Ford, camped on Saint Joseph's Island and reached \
         Owen's River Valley. Chesnut's Ford Mustang was towed. Russia's Lake Baikal froze.",
    );
    for name in [
        "Morton's Ford",
        "Saint Joseph's Island",
        "Owen's River Valley",
    ] {
        assert!(found.contains(&(name, 0)), "{name}: {found:?}");
    }
    // A run that goes on names something else; a country's feature is read on.
    assert!(
        !found
            .iter()
            .any(|(n, _)| n.contains("Ford Mustang") || n.contains("Russia's")),
        "{found:?}"
    );
    assert!(found.iter().any(|(n, _)| *n == "Russia"), "{found:?}");
}

#[test]
fn hyphen_compounds_of_a_small_place_and_a_word_are_names_and_of_two_places_places() {
    // "Mart" is a town in Texas and a word; "Fort" starts "Fort Worth".
    let (m, r) = mentions(
        "A message warned shoppers not to go to Wal-Mart stores. Traffic slowed on \
         Dallas-Fort Worth roads and in Winston-Salem.",
    );
    assert_eq!(m, ["Dallas", "Fort Worth", "Winston-Salem"], "{r:?}");
    assert!(
        r.contains(&("Wal".to_string(), Rejection::InsideName)),
        "{r:?}"
    );
}

#[test]
fn a_make_of_vehicle_before_a_model_or_after_its_year_is_no_place_in_the_whole_story() {
    // Honda is a town in Colombia, Toyota a city in Japan.
    let (m, r) = mentions(
        "A 1992 Toyota Corolla driven by a Tulsa woman was travelling north. The Toyota \
         failed to yield and struck a 2003 Honda Accord. Toyota recalled cars in Japan.",
    );
    assert_eq!(m, ["Tulsa", "Japan"], "{r:?}");
    assert!(
        r.contains(&("Toyota".to_string(), Rejection::VehicleMake)),
        "{r:?}"
    );
    // A make before a model's name is a car too, and so is the model (Durango is a city in
    // Colorado and Mexico); not a make before a word that makes a place of it.
    let (m, r) = mentions(
        "A red Dodge Durango pulled up near Tulsa. His Nissan Altima was found in Dodge City \
         and Lincoln County.",
    );
    assert_eq!(m, ["Tulsa", "Dodge City", "Lincoln County"], "{r:?}");
}

#[test]
fn a_small_region_s_name_does_not_keep_a_surname_a_place() {
    // New Zealand's Nelson region is a first-level unit, but no US state.
    let (m, r) = mentions("The music was loud, Nelson said. Officials in Virginia said so.");
    assert_eq!(m, ["Virginia"], "{r:?}");
    assert!(
        r.contains(&("Nelson".to_string(), Rejection::PersonName)),
        "{r:?}"
    );
}

#[test]
fn a_first_name_after_a_word_of_telling_makes_a_person_not_an_outlet() {
    // "told Breitbart Jerusalem" is an outlet named after a place; "driven by Marisa Huerta"
    // and "writing to Abraham Lincoln" are people (Huerta is a town in Mexico).
    let (m, r) = mentions(
        "He was writing to Abraham Lincoln in 1848. The car was driven by Marisa Huerta of Las \
         Vegas. An official told Breitbart Jerusalem so.",
    );
    assert_eq!(m, ["Las Vegas", "Jerusalem"], "{r:?}");
}

#[test]
fn a_name_that_speaks_is_a_person_s_in_the_whole_story() {
    // Slater is a town of 1,800 in Missouri; here she is a prosecutor, before and after she
    // speaks.
    let (m, r) = mentions(
        "Early voters help Slater take office in Georgia. Democrat Slater, 42, took 56 \
         percent. \"We remained encouraged,\" Slater said. Slater is an attorney.",
    );
    assert_eq!(m, ["Georgia"], "{r:?}");
    assert!(
        r.contains(&("Slater".to_string(), Rejection::KnownName)),
        "{r:?}"
    );
    let (m, r) = mentions("\"No,\" said Hartl. Hartl works for the WHO in Geneva.");
    assert_eq!(m, ["Geneva"], "{r:?}");
    // An age between commas makes a person too, and a number with a thousands comma does not.
    let (m, r) = mentions(
        "John Lambe, 23, and Matthew Evans, 25, admitted harassment. Lambe and Evans appeared \
         at Feltham. Number of rounds from each work: Putnam, 1,947 rounds.",
    );
    assert_eq!(m, ["Feltham", "Putnam"], "{r:?}");
    // A city may speak through its government, and stays a place elsewhere.
    let (m, r) = mentions(
        "The march let locals know that Gainesville says no. It is about protecting \
         Gainesville as a welcoming city.",
    );
    assert_eq!(m, ["Gainesville"], "{r:?}");
    assert!(
        r.contains(&("Gainesville".to_string(), Rejection::PersonName)),
        "{r:?}"
    );
}

#[test]
fn a_street_is_a_mention_of_its_own_name_not_of_the_place_it_is_named_for() {
    // A street named in full is one unresolved mention ("Wichita Drive", "Main Street"); a
    // street word only counts in the same run of capitalised words, and an abbreviated or
    // numbered road is no mention, nor of the place in it.
    let found = found_with_candidates(
        "The crash closed Wichita Drive and Main Street near Charleston. Police in Wichita. \
         Drive carefully, they said. Homes on Hot Springs Rd and County Road 35 were spared.",
    );
    let resolvable: Vec<(&str, bool)> = found.iter().map(|&(s, n)| (s, n > 0)).collect();
    assert_eq!(
        resolvable,
        [
            ("Wichita Drive", false),
            ("Main Street", false),
            ("Charleston", true),
            ("Wichita", true)
        ]
    );
}

#[test]
fn a_first_name_no_list_holds_is_one_before_a_surname_that_speaks() {
    // Goran is an alias of Goraj, a village in Albania, and neither a US census name nor one
    // of the team's. Alone before a capitalised word it is a place; when the word
    // after it speaks, here or elsewhere in the story, that word is a surname.
    let (m, r) = mentions("Ms. Lee told the judge, Goran Lukic, about the fire in Tyler.");
    assert_eq!(m, ["Goran", "Tyler"], "{r:?}");
    let (m, r) = mentions("Goran Lukic said the fire in Tyler started at noon.");
    assert_eq!(m, ["Tyler"], "{r:?}");
    let (m, r) = mentions("Envoys met Goran Lukic in Tyler. Lukic told reporters little.");
    assert_eq!(m, ["Tyler"], "{r:?}");
    assert!(
        r.contains(&("Goran".to_string(), Rejection::InsideName)),
        "{r:?}"
    );
    // An organisation named after a place keeps it: its word does not speak on its own.
    let (m, r) = mentions(
        "The Nebraska Baseball Hall of Fame opened. The Baseball Hall said it would grow.",
    );
    assert_eq!(m, ["Nebraska"], "{r:?}");
}

#[test]
fn a_city_s_old_name_is_the_person_s_once_the_person_is_named() {
    // Donetsk (900,000) was once called Stalin; a city that large keeps its own name against a
    // person's, but not an old one.
    let (m, r) = mentions("Joseph Stalin ruled from Moscow. Stalin died in 1953.");
    assert_eq!(m, ["Moscow"], "{r:?}");
    assert!(
        r.contains(&("Stalin".to_string(), Rejection::KnownName)),
        "{r:?}"
    );
}

#[test]
fn arabic_names_of_kinship_are_people_and_after_in_places_the_gazetteer_lacks() {
    // Abu is a town in Rajasthan, Bakr an alias of a Turkish village, al-Baghdadi a Georgian
    // town's; Salman an Iraqi district's name without its article.
    let (m, r) = mentions(
        "Abu Bakr al-Baghdadi urged fighters to hold Mosul. Mohammed bin Salman met the \
         emir. Baghdadi said nothing.",
    );
    assert_eq!(m, ["Mosul"], "{r:?}");
    assert!(
        r.contains(&("Abu Bakr al-Baghdadi".to_string(), Rejection::InsideName)),
        "{r:?}"
    );
    assert!(
        r.contains(&("Salman".to_string(), Rejection::InsideName)),
        "{r:?}"
    );
    // After a preposition of place, the same shape is a camp or village: kept whole,
    // unresolved.
    assert_eq!(
        found_with_candidates("Aid resumed in Abu Shok camp near Al-Fashir."),
        [("Abu Shok", 0), ("Al-Fashir", 1)]
    );
    // A place whose whole name the gazetteer holds stays a place.
    let (m, r) = mentions("Talks opened in Abu Dhabi and ended at Abu Kamal.");
    assert_eq!(m, ["Abu Dhabi", "Abu Kamal"], "{r:?}");
}

#[test]
fn a_word_before_an_arabic_article_name_opens_a_longer_name() {
    // Bab is Al Bab's name without its article; "Bab al-Hawa" is a border crossing the
    // gazetteer lacks, and after a preposition of place such a name is kept whole.
    let (m, r) = mentions("The Bab al-Hawa crossing with Turkey reopened.");
    assert_eq!(m, ["Turkey"], "{r:?}");
    assert_eq!(
        found_with_candidates("He was treated in Bab el-Oued hospital in Algiers."),
        [("Bab el-Oued", 0), ("Algiers", 3)]
    );
    // A country or a demonym is no first word of such a name.
    let (m, r) = mentions("Syrian al-Qaeda rebels seized the base.");
    assert_eq!(m, ["Syrian"], "{r:?}");
}

#[test]
fn titles_of_office_rank_and_faith_make_people() {
    // Dahlgren is a town in Virginia, Seward one in Alaska, Karel a village in Slovakia.
    let (m, r) = mentions(
        "Report to Colonel Dahlgren at Richmond. Major Seward left. Czech Foreign Minister \
         Karel Schwarzenberg spoke.",
    );
    assert_eq!(m, ["Richmond", "Czech"], "{r:?}");
    assert!(
        r.contains(&("Dahlgren".to_string(), Rejection::PersonTitle)),
        "{r:?}"
    );
    // Titles of local office and of the police: Ledbetter is a town in Kentucky, Figueras one
    // in Catalonia.
    let (m, r) = mentions(
        "Crolley tried to hit Trooper Drew Ledbetter. Ledbetter fired. Gainesville Mayor \
         Myrtle Figueras declined to comment.",
    );
    assert_eq!(m, ["Gainesville"], "{r:?}");
    // A town named like a person, a first name and another, is the person when it speaks.
    let (m, r) = mentions("Pedro Sanchez said Spain would help.");
    assert_eq!(m, ["Spain"], "{r:?}");
}

#[test]
fn given_names_of_international_news_open_people_s_names() {
    // Vladimir is a city of 357,000 and a region of Russia, Hussein a district of Yemen
    // without its article; "Saddam" opens the sentence, where a capital proves nothing.
    let (m, r) = mentions("Russian President Vladimir Putin met the envoy in Damascus.");
    assert_eq!(m, ["Russian", "Damascus"], "{r:?}");
    let (m, r) = mentions("Saddam Hussein was born near Tikrit.");
    assert_eq!(m, ["Tikrit"], "{r:?}");
    // A city that large keeps its name when it stands alone.
    let (m, r) = mentions("Protests spread to Vladimir and Moscow.");
    assert_eq!(m, ["Vladimir", "Moscow"], "{r:?}");
}

#[test]
fn more_verbs_of_saying_make_people_and_a_demonym_is_none() {
    // Joncret is a village in Belgium; here an aid worker who complains.
    let (m, r) =
        mentions("\"This is unacceptable,\" complained Joncret. Joncret insisted aid reach Chad.");
    assert_eq!(m, ["Chad"], "{r:?}");
    // A demonym before a capitalised word that speaks stays a demonym.
    let (m, r) = mentions("Have any big American MCs commented on the case?");
    assert_eq!(m, ["American"], "{r:?}");
}

#[test]
fn a_first_name_opens_a_person_s_name_at_a_sentence_s_start_and_after_according_to() {
    // Connell is a town in Washington, Cosco an alias of a Chinese one; Brian and Kathy are
    // no place names, but common first names.
    let (m, r) = mentions(
        "According to Brian Connell, the food is safe in Leeds. Kathy Cosco, a spokeswoman, \
         agreed.",
    );
    assert_eq!(m, ["Leeds"], "{r:?}");
    // An outlet after "according to" is still kept as one ("Radio Free Asia" aside).
    let (m, r) = mentions("According to Breitbart Jerusalem, talks failed.");
    assert_eq!(m, ["Jerusalem"], "{r:?}");
}

#[test]
fn a_country_or_region_after_a_capitalised_word_stays_unless_a_first_name_or_number_opens_it() {
    // A headline in a tweet, and an event named for a state.
    let (m, r) =
        mentions("Earthquake Shakes Iceland Volcano, Still No Ash: a quake hit overnight.");
    assert_eq!(m, ["Iceland"], "{r:?}");
    let (m, r) = mentions("The Great Alaska Earthquake of 1964 struck near Anchorage.");
    assert_eq!(m, ["Alaska", "Anchorage"], "{r:?}");
    // A first name makes a surname of it; an ordinal, a unit of the state.
    let (m, r) = mentions("Fans watched Michael Jordan play. The Thirtieth Wisconsin marched on.");
    assert!(m.is_empty(), "{m:?} {r:?}");
}

#[test]
fn a_census_name_that_is_only_an_alternate_name_of_towns_is_the_person() {
    // "Weems" is an alternate name of Smithfield, Virginia, "Snell" of Snellville, Georgia:
    // no place is called so, and both are census surnames.
    let (m, r) = mentions("The target of the sting was Weems. Snell was fired in Atlanta.");
    assert_eq!(m, ["Atlanta"], "{r:?}");
    // After a preposition of place the name is still the town's.
    let (m, r) = mentions("Officers patrolled in Snell overnight.");
    assert_eq!(m, ["Snell"], "{r:?}");
    // A city of 200,000 carrying the alias keeps it: "Vegas" is Las Vegas.
    let (m, r) = mentions("Our Vegas gig was sold out.");
    assert_eq!(m, ["Vegas"], "{r:?}");
}

#[test]
fn a_person_s_name_opening_a_dateline_before_a_state_is_the_town() {
    // Helena is a first name; here a dateline's town, as "Helena, Ark." shows.
    let (m, r) = mentions("Helena, Ark., February 26, 1864.\nThe river is rising.");
    assert_eq!(m, ["Helena", "Ark."], "{r:?}");
    // A line opening with a name, a comma and words is no dateline.
    let (m, r) = mentions("Helena, The Tooth Fairy and friends met.");
    assert!(m.is_empty(), "{m:?} {r:?}");
}

#[test]
fn a_chinese_family_name_opens_a_person_s_name_and_alone_is_the_person() {
    // Li is an alias of Lixian, Zhang and Yi rivers, Wang a village in Germany, Lu an alias of
    // Luzhou: written first, they are family names.
    let (m, r) = mentions("Li Qiang met Zhang Youxia and Wang Yi in Beijing.");
    assert_eq!(m, ["Beijing"], "{r:?}");
    let (m, r) = mentions("Wu is presumed to have drowned. Lu was first diagnosed in Taipei.");
    assert_eq!(m, ["Taipei"], "{r:?}");
    // After a preposition of place the name is the place's.
    let (m, r) = mentions("The flood reached villages in Wang overnight.");
    assert_eq!(m, ["Wang"], "{r:?}");
}

#[test]
fn a_hyphenated_romanised_given_name_makes_a_chinese_or_korean_person() {
    // "Ma Ying" is Maying, a town in China; "Ban Ki" an alias of Krasnogorsk.
    let (m, r) = mentions("Ma Ying-jeou met Ban Ki-moon in Taipei. Ma said little.");
    assert_eq!(m, ["Taipei"], "{r:?}");
    assert!(
        r.contains(&("Ma Ying-jeou".to_string(), Rejection::InsideName)),
        "{r:?}"
    );
    // A prominent place before an English compound keeps its name.
    let (m, r) = mentions("The Gaza Sit-in ended. A Hong Kong-run firm moved to Macau.");
    assert_eq!(m, ["Gaza", "Hong Kong", "Macau"], "{r:?}");
    // "-based", "-led" are no syllables of a name.
    let (m, r) = mentions("The New York-based group and Dallas-led firms met.");
    assert_eq!(m, ["New York", "Dallas"], "{r:?}");
}

#[test]
fn an_arabic_compound_name_is_one_mention_or_none() {
    // Without a spelling the gazetteer knows, the compound is still one name: unresolved after
    // a preposition of place, else no place; its generic word is no town ("Ain" is Al Ain).
    let (m, r) = mentions("Clashes erupted near Wadi Barada. Ain Xyzzy was calm.");
    assert_eq!(m, ["Wadi Barada"], "{r:?}");
    // A person named with such a word is no place either, nor a clause after a name.
    let (m, r) = mentions("A copy of Ayn Rand's novel sat there. Dr Umar Khan  The doctor left.");
    assert!(m.is_empty(), "{m:?} {r:?}");
}

#[test]
fn an_article_name_after_a_given_name_is_a_family_name_for_the_whole_story() {
    // Hassan is a city in India, Amiri an alias of ‘Āmerī in Iran.
    let (m, r) = mentions("Suheil al-Hassan flew home. Later al-Hassan spoke in Damascus.");
    assert_eq!(m, ["Damascus"], "{r:?}");
    // Also before the full name is given.
    let (m, r) = mentions(
        "Asked about the vote, al-Amiri declined to comment, an aide to Hadi al-Amiri said.",
    );
    assert!(m.is_empty(), "{m:?} {r:?}");
    // After a preposition or another place it stays a place.
    let (m, r) = mentions("Fighting raged in al-Hasakah and al-Raqqa.");
    assert_eq!(m, ["al-Hasakah", "al-Raqqa"], "{r:?}");
}

#[test]
fn who_after_a_name_makes_a_person_but_not_after_a_residence() {
    // Gulen is a municipality of Norway, Kaïs a town of Algeria.
    let (m, r) =
        mentions("Fethullah Gulen, who has led the movement, left. Gulen spoke in Ankara.");
    assert_eq!(m, ["Ankara"], "{r:?}");
    let (m, r) = mentions("Kais Saied, whose party won, arrived in Tunis.");
    assert_eq!(m, ["Tunis"], "{r:?}");
    // The clause after a residence is its resident's.
    let (m, r) =
        mentions("Daniel Hufstetler of Roswell, who was listed in stable condition, recovered.");
    assert_eq!(m, ["Roswell"], "{r:?}");
}

#[test]
fn an_arabic_compound_after_at_or_to_is_a_place_the_gazetteer_lacks() {
    // "at" and "to" place no surname ("at Ferguson" is a firm), but a compound opened by a
    // generic word of place is no firm's name.
    let (m, r) = mentions("Trucks crossed at Bab al-Hawa. Aid went to Khan al-Assal.");
    assert_eq!(m, ["Bab al-Hawa", "Khan al-Assal"], "{r:?}");
}

#[test]
fn a_three_word_chinese_or_korean_name_is_a_person_and_each_word_remembered() {
    // Hsien is an alias of Leshou, China, Loong of Lhoong, Indonesia.
    let (m, r) = mentions("Lee Hsien Loong visited Beijing. Kim Jong Un spoke with Un aides.");
    assert_eq!(m, ["Beijing"], "{r:?}");
    // A place of such words is matched whole.
    let (m, r) = mentions("Ho Chi Minh City flooded.");
    assert_eq!(m, ["Ho Chi Minh City"], "{r:?}");
}

#[test]
fn a_city_s_body_names_the_town_before_city() {
    // "Dublin City" is also Dublin, Ireland's other name; before a city's body the town is
    // "Dublin", whichever Dublin the story is about. "Boulder City" is a town's own name.
    for (text, town) in [
        ("Dublin City Council met on Monday.", "Dublin"),
        ("Springfield City Schools closed early.", "Springfield"),
        ("Boulder City Council offered her the job.", "Boulder City"),
        ("She flew to Dublin City on Monday.", "Dublin City"),
    ] {
        let (m, _) = mentions(text);
        assert_eq!(m, [town], "{text}");
    }
}

#[test]
fn an_ampersand_between_words_of_a_name_is_and() {
    let (m, _) =
        mentions("He flew to Trinidad & Tobago, then to Bosnia & Herzegovina and Jammu & Kashmir.");
    assert_eq!(
        m,
        [
            "Trinidad & Tobago",
            "Bosnia & Herzegovina",
            "Jammu & Kashmir"
        ]
    );
    // A firm's name with one stays a firm's.
    let (m, _) = mentions("Shares of Johnson & Johnson fell in early trading.");
    assert!(m.is_empty(), "{m:?}");
}

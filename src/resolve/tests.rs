#![allow(clippy::indexing_slicing)] // tests index fixed fixtures

use super::*;
use crate::gazetteer::{Gazetteer, PlaceIndex};
use crate::recognize::{RecognizeOptions, recognize};
use crate::text::Document;

/// (surface, country, admin1 code) of every resolved mention.
fn resolved(text: &str, options: &ResolveOptions) -> Vec<(String, String, String)> {
    let g = Gazetteer::builtin().unwrap();
    let doc = Document::new(text);
    let r = recognize(&doc, &g, &RecognizeOptions::default());
    let res = resolve(&doc, &r.mentions, options);
    r.mentions
        .iter()
        .zip(&res)
        .map(|(m, x)| {
            let p = x.place.unwrap();
            (
                doc.span_text(&m.span).to_string(),
                p.country_code.to_string(),
                p.admin1_code.to_string(),
            )
        })
        .collect()
}

fn find<'a>(r: &'a [(String, String, String)], name: &str) -> &'a (String, String, String) {
    r.iter()
        .find(|x| x.0 == name)
        .unwrap_or_else(|| panic!("{name} not in {r:?}"))
}

#[test]
fn comma_parents_decide() {
    let r = resolved(
        "Storms hit Paris, Texas, and Springfield, Ill., while Aleppo, Syria stayed dry.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "Paris").1, "US");
    assert_eq!(find(&r, "Paris").2, "TX");
    assert_eq!(find(&r, "Springfield").2, "IL");
    assert_eq!(find(&r, "Aleppo").1, "SY");
}

#[test]
fn in_a_region_with_a_compass_word_is_still_its_parent() {
    // Ra's al 'Ayn (Syria) has no population in GeoNames; Rosh Ha'Ayin (Israel), also called
    // "Ras al-Ayn", has 72,000 people: "in northeastern Syria" decides.
    for text in [
        "Turkish troops shelled Ras al-Ayn in northeastern Syria on Wednesday.",
        "Turkish troops shelled Ras al-Ayn in north-eastern Syria on Wednesday.",
    ] {
        let r = resolved(text, &ResolveOptions::default());
        assert_eq!(find(&r, "Ras al-Ayn").1, "SY", "{text}: {r:?}");
    }
}

#[test]
fn a_place_and_its_parent_decide_each_other() {
    // Among many countries, the comma still pairs a place with its parent: Norfolk Island
    // leads "Norfolk" by prior but does not make "Norfolk, England" a pair of countries, and
    // Georgia is the state that holds the Atlanta chosen, not the country.
    let r = resolved(
        "Turkeys at a farm near Norfolk, England will be culled. Earlier outbreaks hit the \
         Netherlands and Belgium, and a swan was found in Fife in the UK. Samples went to \
         the CDC in Atlanta, Georgia, and to labs in Japan and Indonesia.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "Norfolk").1, "GB", "{r:?}");
    assert_eq!(find(&r, "Georgia").1, "US", "{r:?}");
    assert_eq!(find(&r, "Georgia").2, "GA", "{r:?}");
}

#[test]
fn kenya_s_former_provinces_go_by_their_short_names() {
    // Short names of provinces abolished in 2013 ("Western" alone is a common word to the
    // recognizer, though the gazetteer has Kenya's beside Sri Lanka's, Ghana's, Zambia's).
    let r = resolved(
        "Cases were reported in the provinces of Nyanza, Rift Valley, North Eastern and Western.",
        &ResolveOptions::default(),
    );
    for name in ["Nyanza", "Rift Valley", "North Eastern"] {
        assert_eq!(find(&r, name).1, "KE", "{name}: {r:?}");
    }
}

#[test]
fn la_alone_is_los_angeles_and_after_a_town_louisiana() {
    let r = resolved(
        "She moved to LA last year, then to Lafayette, LA, and wrote to Col. M. LA RUE HARRISON.",
        &ResolveOptions::default(),
    );
    let la: Vec<_> = r.iter().filter(|x| x.0 == "LA").collect();
    assert_eq!(la.len(), 2, "{r:?}");
    assert_eq!((la[0].1.as_str(), la[0].2.as_str()), ("US", "CA"), "{r:?}");
    assert_eq!((la[1].1.as_str(), la[1].2.as_str()), ("US", "LA"), "{r:?}");
}

#[test]
fn a_list_s_members_are_of_one_level() {
    // Among states, Washington is the state, not the capital city.
    let r = resolved(
        "Cases were reported in Utah, Washington and Wisconsin.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "Washington").2, "WA", "{r:?}");
    // Among countries, Georgia is the country; among US states, the state.
    let r = resolved(
        "Officials in Armenia, Azerbaijan, Georgia, Iraq and Iran were warned.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "Georgia").1, "GE", "{r:?}");
    let r = resolved(
        "Cases were reported in Arizona, California, Georgia, Illinois and Utah.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "Georgia").1, "US", "{r:?}");
    // Names repeated in a list share their place (and their scores).
    let r = resolved(
        "Cases in Utah, Washington, Utah, Washington, Oregon and Washington.",
        &ResolveOptions::default(),
    );
    let w: Vec<_> = r.iter().filter(|x| x.0 == "Washington").collect();
    assert_eq!(w.len(), 3, "{r:?}");
    assert!(w.iter().all(|x| x.2 == "WA"), "{r:?}");
    // Two names joined by "and" are a list; by a comma alone, a place and its parent.
    let g = Gazetteer::builtin().unwrap();
    let doc = Document::new("He lived in Atlanta and Florida, then in Atlanta, Georgia.");
    let r = recognize(&doc, &g, &RecognizeOptions::default());
    assert_eq!(
        list_members(&doc, &r.mentions),
        [Some(0..2), Some(0..2), None, None]
    );
}

#[test]
fn document_context_decides() {
    let r = resolved(
        "An Alexandria woman was charged. Rapides Parish deputies and Pineville police \
         investigated the fire in Alexandria.",
        &ResolveOptions::default(),
    );
    let a: Vec<_> = r.iter().filter(|x| x.0 == "Alexandria").collect();
    assert_eq!(a.len(), 2);
    assert!(a.iter().all(|x| x.1 == "US" && x.2 == "LA"), "{r:?}");
}

#[test]
fn without_context_the_prior_wins_and_bias_moves_it() {
    let r = resolved("They met in Alexandria.", &ResolveOptions::default());
    assert_eq!(find(&r, "Alexandria").1, "EG");
    let biased = resolved(
        "They met in Alexandria.",
        &ResolveOptions {
            bias_countries: vec![CountryCode::parse("US").unwrap()],
            ..ResolveOptions::default()
        },
    );
    assert_eq!(find(&biased, "Alexandria").1, "US");
}

#[test]
fn war_story_places() {
    let r = resolved(
        "Iranian forces and the Syrian army moved toward Raqqa. Officials in Tehran, \
         Baghdad and Damascus said fighting near Mosul and Palmyra continued.",
        &ResolveOptions::default(),
    );
    for (name, cc) in [
        ("Raqqa", "SY"),
        ("Tehran", "IR"),
        ("Baghdad", "IQ"),
        ("Damascus", "SY"),
        ("Mosul", "IQ"),
        ("Palmyra", "SY"),
        ("Iranian", "IR"),
    ] {
        assert_eq!(find(&r, name).1, cc, "{name}: {r:?}");
    }
}

#[test]
fn arabic_compound_names_in_their_many_spellings() {
    // A name with an article inside ("Ras al-Ain" is indexed as Ra's al 'Ayn and without its
    // articles), and compounds the index holds in another transliteration (‘Ayn ‘Īsá, Tall
    // Rif‘at, Ma‘arrat an Nu‘mān, ‘Ayn al ‘Arab): "Ain" alone would be Al Ain, Abu Dhabi.
    let r = resolved(
        "Turkish troops shelled Ras al-Ain and Tell al-Abyad. Clashes spread to Ain Issa, \
         Tal Rifaat, Maaret al-Numan and Ain al-Arab.",
        &ResolveOptions::default(),
    );
    for name in [
        "Ras al-Ain",
        "Tell al-Abyad",
        "Ain Issa",
        "Tal Rifaat",
        "Maaret al-Numan",
        "Ain al-Arab",
    ] {
        assert_eq!(find(&r, name).1, "SY", "{name}: {r:?}");
    }
}

#[test]
fn wire_spellings_of_syrian_and_iraqi_towns_are_in_the_gazetteer() {
    // Spellings news writes that no source lists (gazetteer/aliases.tsv, curated.tsv).
    let r = resolved_points(
        "Government forces shelled Eastern Ghouta and Deir Ezzor, while militias crossed \
         from Albukamal. Turkish troops entered Tel Abyad and Serekaniye; Iraqi forces \
         retook Beiji.",
    );
    for (name, expected) in [
        ("Eastern Ghouta", "Eastern Ghouta"),
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Albukamal", "Ālbū Kamāl"),
        ("Tel Abyad", "Tall Abyaḑ"),
        ("Serekaniye", "Ra’s al ‘Ayn"),
        ("Beiji", "Bayjī"),
    ] {
        let found = r.iter().find(|x| x.0 == name);
        assert_eq!(found.map(|x| x.1.as_str()), Some(expected), "{name}: {r:?}");
    }
}

/// Asserts that each (surface, lat, lon) of `expected` is among the resolved mentions `r`,
/// the first mention whose surface starts with it resolved within `km` of the point.
fn assert_near(r: &[(String, String, f64, f64)], expected: &[(&str, f64, f64)], km: f64) {
    for &(name, lat, lon) in expected {
        let (_, place, plat, plon) = r
            .iter()
            .find(|x| x.0.starts_with(name))
            .unwrap_or_else(|| panic!("{name} not found: {r:?}"));
        assert!(distance_km(*plat, *plon, lat, lon) < km, "{name}: {place}");
    }
}

/// Resolved mentions with their points: (surface, name, lat, lon).
fn resolved_points(text: &str) -> Vec<(String, String, f64, f64)> {
    let g = Gazetteer::builtin().unwrap();
    let doc = Document::new(text);
    let found = recognize(&doc, &g, &RecognizeOptions::default());
    let res = resolve(&doc, &found.mentions, &ResolveOptions::default());
    found
        .mentions
        .iter()
        .zip(&res)
        .filter_map(|(m, x)| {
            let p = x.place?;
            Some((
                doc.span_text(&m.span).to_string(),
                p.name.to_string(),
                p.lat,
                p.lon,
            ))
        })
        .collect()
}

#[test]
fn arabic_names_in_a_spelling_the_index_lacks_are_the_named_country_s_towns() {
    // The index holds Al Ḩawījah, Al Qayyārah, Al Miqdādīyah, Ash Sharqāt: "Hawija",
    // "Qayyara", "Muqdadiya", "Shirqat" sound the same. "Qayyara"'s consonants (k, r) are
    // those of thousands of places: every one is read. Reference points by hand from maps.
    let r = resolved_points(
        "Iraqi troops advanced near Hawija and Qayyara on Sunday. In Kirkuk and Muqdadiya, \
         police arrested suspects who had fled from Shirqat.",
    );
    assert_near(
        &r,
        &[
            ("Hawija", 35.33, 43.77),
            ("Qayyara", 35.81, 43.29),
            ("Muqdadiya", 33.98, 44.94),
            ("Shirqat", 35.51, 43.23),
        ],
        25.0,
    );
    // Before a word of war: "the Hawija offensive".
    let r = resolved_points("Iraqi forces began the Hawija offensive on Thursday.");
    assert!(r.iter().any(|x| x.0 == "Hawija"), "{r:?}");
    // Only where the story names a place of that country: "Attack" sounds like Ataq, Yemen,
    // and "Hawija" in a story that names no Iraqi place is not looked up.
    for text in [
        "Rebels kill ten soldiers in Attack on Base, officials in Somalia said.",
        "Traffic was slow near Hawija on the way to Denver.",
    ] {
        let r = resolved_points(text);
        assert!(
            r.iter().all(|x| x.0 != "Attack" && x.0 != "Hawija"),
            "{text}: {r:?}"
        );
    }
}

#[test]
fn a_diphthong_sounds_the_same_written_with_y_or_i() {
    // The index holds Sulaymaniyah, Tallkayf and Al Qaryatayn; the wire writes "ai" where they
    // have "ay". A verb of taking places the name as a preposition does. The country itself
    // is known by its names: "Shura" is no spelling of Syria.
    let r = resolved_points(
        "Peshmerga units from Sulaimaniyah moved near Tilkaif, north of Mosul, while Syrian \
         troops retook Qaryatain. A council in Shura met.",
    );
    assert_near(
        &r,
        &[
            ("Sulaimaniyah", 35.56, 45.43),
            ("Tilkaif", 36.49, 43.12),
            ("Qaryatain", 34.23, 37.24),
        ],
        25.0,
    );
    assert!(r.iter().all(|x| x.0 != "Shura"), "{r:?}");
    // Placed in a named division: "Hawija in Kirkuk province".
    let r = resolved_points("Militants still hold Hawija in Kirkuk province.");
    assert!(
        r.iter().any(|x| x.0 == "Hawija" && x.1.contains("awījah")),
        "{r:?}"
    );
    // The subject of "fell": "Hawija fell" (Al Ḩawījah).
    let r = resolved_points("Hawija fell to Iraqi forces after a week, officials in Kirkuk said.");
    assert!(
        r.iter().any(|x| x.0 == "Hawija" && x.1.contains("awījah")),
        "{r:?}"
    );
}

#[test]
fn towns_of_the_syrian_and_iraqi_wars_no_source_lists_are_the_team_s() {
    // cities500 holds some 600 places in Syria and Iraq; `curated.tsv` adds towns the wars
    // made news ("Dabiq", "Jalawla"), `aliases.tsv` the wire's spellings of towns GeoNames
    // writes otherwise (Mexmur, ‘Irbīn). Reference points by hand from maps.
    let r = resolved_points(
        "Iraqi forces retook Jalawla and pushed toward Makhmour, while Syrian rebels entered \
         Dabiq. Jets from the Shayrat airbase struck Arbin in Eastern Ghouta.",
    );
    assert_near(
        &r,
        &[
            ("Jalawla", 34.27, 45.17),
            ("Makhmour", 35.78, 43.58),
            ("Dabiq", 36.54, 37.27),
            ("Shayrat", 34.49, 36.91),
            ("Arbin", 33.54, 36.37),
        ],
        25.0,
    );
}

#[test]
fn landmarks_news_names_as_places_are_the_team_s() {
    // No source has them; the team's rows weigh as a town of 30,000, so that the namesake
    // hamlet (Central Park, Washington state) does not win. Points as widely published.
    let r = resolved_points(
        "Protesters filled Tahrir Square again, and a measles outbreak spread from Disneyland. \
         A concert in Central Park drew thousands; police closed Trafalgar Square.",
    );
    assert_near(
        &r,
        &[
            ("Tahrir Square", 30.04, 31.24),
            ("Disneyland", 33.81, -117.92),
            ("Central Park", 40.78, -73.97),
            ("Trafalgar Square", 51.51, -0.13),
        ],
        5.0,
    );
    // Institutions news names by their seat stay institutions in running text.
    let r = resolved_points("The White House and the Kremlin said talks would resume.");
    assert!(r.is_empty(), "{r:?}");
    // Looked up alone, "White House" is the landmark: GeoNames' translation for Casablanca is
    // taken back (`dropped-aliases.tsv`), and Casablanca keeps its own name.
    let g = Gazetteer::builtin().unwrap();
    let options = crate::gazetteer::LookupOptions::default();
    let first = |name: &str| {
        g.lookup(name, &options)
            .first()
            .map(|c| c.place.name.to_string())
    };
    assert_eq!(first("White House").as_deref(), Some("White House"));
    assert_eq!(first("Casablanca").as_deref(), Some("Casablanca"));
    // "Norfolk" alone is no longer Norfolk Island (1,800 people), which keeps its own name.
    assert_eq!(first("Norfolk").as_deref(), Some("Norfolk"));
    assert_eq!(first("Norfolk Island").as_deref(), Some("Norfolk Island"));
}

#[test]
fn regions_and_waters_news_names_are_the_team_s() {
    // No source has England's metropolitan counties, the Sinai Peninsula or the Strait of
    // Hormuz; the team's rows put them where the maps do. "West Yorkshire" is one name, not
    // a compass word before Yorkshire, Virginia; "Wales" and "the Midlands" are no ordinary
    // words (the recipe keeps them out of SCOWL's list).
    let r = resolved_points(
        "Police in Greater Manchester and West Yorkshire made arrests. Egypt sent troops to \
         the Sinai, and tankers crossed the Strait of Hormuz and the Kerch Strait.",
    );
    assert_near(
        &r,
        &[
            ("Greater Manchester", 53.48, -2.24),
            ("West Yorkshire", 53.80, -1.55),
            ("Sinai", 29.5, 33.9),
            ("Strait of Hormuz", 26.6, 56.3),
            ("Kerch Strait", 45.3, 36.5),
        ],
        100.0,
    );
    let r = resolved_points("Storms hit the Midlands and Wales on Monday.");
    assert_near(
        &r,
        &[("Midlands", 52.48, -1.90), ("Wales", 52.4, -3.7)],
        100.0,
    );
    // Features of the Syrian and Iraqi wars no source has: ranges, dams, rivers.
    let r = resolved_points(
        "Yazidis fled to Mount Sinjar. SDF fighters held the Tishrin Dam and the Mosul Dam, \
         and Israeli jets struck south of the Litani River, near the Golan.",
    );
    assert_near(
        &r,
        &[
            ("Mount Sinjar", 36.35, 41.8),
            ("Tishrin Dam", 36.38, 38.18),
            ("Mosul Dam", 36.63, 42.82),
            ("Litani River", 33.5, 35.5),
            ("Golan", 33.0, 35.75),
        ],
        50.0,
    );
    // Lakes: no source has them.
    let r =
        resolved_points("Algae spread across Lake Erie, and fishermen on Lake Titicaca went home.");
    assert_near(
        &r,
        &[("Lake Erie", 42.2, -81.2), ("Lake Titicaca", -15.8, -69.4)],
        60.0,
    );
    // Short forms of the sources' features: "the Rockies", "the Bekaa Valley".
    let r = resolved_points("Snow fell in the Rockies; Hezbollah fighters left the Bekaa Valley.");
    assert_near(
        &r,
        &[("Rockies", 46.3, -113.3), ("Bekaa Valley", 33.9, 36.0)],
        100.0,
    );
}

#[test]
fn a_state_code_right_after_a_town_is_its_parent() {
    // "Paris TN" is Paris, Tennessee, as "Paris, TN" is.
    let r = resolved_points("The storm hit Paris TN on Monday.");
    assert_near(&r, &[("Paris", 36.30, -88.33)], 20.0);
}

#[test]
fn a_name_that_ends_in_sea_is_the_water_unless_a_division_follows() {
    // Egypt and Sudan each have a unit called Red Sea; "sank in the Red Sea" is the water,
    // even beside "an Egyptian official".
    let r = resolved_points("A cargo ship sank in the Red Sea, an Egyptian official said.");
    assert_near(&r, &[("Red Sea", 20.3, 38.5)], 50.0);
    let r =
        resolved_points("Officials in Red Sea governorate said the resorts of Egypt were open.");
    assert_near(&r, &[("Red Sea", 25.2, 33.5)], 100.0);
}

#[test]
fn distances() {
    // Damascus to Baghdad is about 760 km.
    let d = distance_km(33.51, 36.29, 33.34, 44.40);
    assert!((d - 754.0).abs() < 15.0, "{d}");
    assert_eq!(distance_km(10.0, 20.0, 10.0, 20.0), 0.0);
}

#[test]
fn the_population_baseline_ignores_context() {
    let g = crate::gazetteer::Gazetteer::builtin().unwrap();
    let text = "Storms hit Paris, Texas, on Friday.";
    let doc = crate::text::Document::new(text);
    let found =
        crate::recognize::recognize(&doc, &g, &crate::recognize::RecognizeOptions::default());
    let with_context = super::resolve(&doc, &found.mentions, &super::ResolveOptions::default());
    let baseline = super::resolve(
        &doc,
        &found.mentions,
        &super::ResolveOptions {
            prior_only: true,
            ..Default::default()
        },
    );
    let cc = |r: &[super::Resolution<'_>]| r[0].place.map(|p| p.country_code.as_str().to_string());
    assert_eq!(cc(&with_context).as_deref(), Some("US"));
    assert_eq!(cc(&baseline).as_deref(), Some("FR"));
}

#[test]
fn nearness_by_scan_and_by_tree_agree() {
    // Few chosen points are scanned, many go through the R-tree: the same distances.
    let g = Gazetteer::builtin().unwrap();
    let chosen: Vec<Place<'_>> = (0..200u32)
        .filter_map(|i| g.place(PlaceIndex(i * 1201)))
        .collect();
    let points: Vec<([f64; 3], usize)> = chosen
        .iter()
        .enumerate()
        .map(|(k, p)| (unit_vector(p.lat, p.lon), k))
        .collect();
    let tree = RTree::bulk_load(
        points
            .iter()
            .map(|&(v, k)| GeomWithData::new(v, k))
            .collect(),
    );
    let ctx = |tree| Context {
        chosen: chosen
            .iter()
            .map(|p| (p.country_code, p.admin1_key))
            .collect(),
        slot_of: (0..chosen.len()).map(Some).collect(),
        countries: Default::default(),
        admin1s: Default::default(),
        points: points.clone(),
        tree,
    };
    let (scan, indexed) = (ctx(None), ctx(Some(tree)));
    for (slot, p) in chosen.iter().enumerate().step_by(7) {
        let q = unit_vector(p.lat, p.lon);
        let a = nearest_other_km(&scan, &q, Some(slot));
        let b = nearest_other_km(&indexed, &q, Some(slot));
        assert!(a.is_some());
        assert_eq!(a, b, "{}", p.name);
    }
}

#[test]
fn small_namesakes_that_belong_together_find_each_other() {
    // Each name alone goes to a bigger namesake elsewhere (Alexandria, Virginia; a Douglas
    // County in another state); together only Minnesota has both, 10 km apart.
    let r = resolved(
        "County Road 35, north of Alexandria, is closed, the Douglas County public works \
         director said.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "Alexandria").2, "MN", "{r:?}");
    assert_eq!(find(&r, "Douglas County").2, "MN", "{r:?}");
    // Mansfield, Texas is the largest Mansfield; the parish puts it in Louisiana.
    let r = resolved(
        "MANSFIELD -- The mayor of Mansfield wants a patrol program like the one the sheriff \
         of DeSoto Parish started.",
        &ResolveOptions::default(),
    );
    assert!(r.iter().all(|x| x.2 == "LA"), "{r:?}");
}

#[test]
fn joint_support_does_not_pull_capitals_to_small_namesakes() {
    // London and Paris in Ontario lie 100 km apart, far closer than the capitals; the prior
    // of the capitals must still win.
    let r = resolved(
        "Talks moved from London to Paris, then to Berlin.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "London").1, "GB");
    assert_eq!(find(&r, "Paris").1, "FR");
    assert_eq!(find(&r, "Berlin").1, "DE");
}

#[test]
fn a_country_is_not_outdone_by_its_capital_on_nearness_alone() {
    // "Mexico" is also an alias of Mexico City. Nearness to the other Mexican places used to
    // count for the city only (a country has no point to be near), so the city won.
    let g = Gazetteer::builtin().unwrap();
    let doc = Document::new(
        "Swine flu cases rose in Mexico on Monday, with new deaths reported in Veracruz, \
         Puebla and Oaxaca.",
    );
    let rec = recognize(&doc, &g, &RecognizeOptions::default());
    let res = resolve(&doc, &rec.mentions, &ResolveOptions::default());
    let mexico = rec
        .mentions
        .iter()
        .zip(&res)
        .find(|(m, _)| doc.span_text(&m.span) == "Mexico")
        .and_then(|(_, x)| x.place)
        .unwrap();
    assert!(mexico.is_country(), "{}", mexico.name);
}

/// Feature code of the place the mention `name` resolved to.
fn feature_of(text: &str, name: &str) -> String {
    let g = Gazetteer::builtin().unwrap();
    let doc = Document::new(text);
    let r = recognize(&doc, &g, &RecognizeOptions::default());
    let res = resolve(&doc, &r.mentions, &ResolveOptions::default());
    let i = r
        .mentions
        .iter()
        .position(|m| doc.span_text(&m.span) == name)
        .unwrap_or_else(|| panic!("{name} not found in {text:?}"));
    res[i].place.unwrap().feature_code.to_string()
}

#[test]
fn a_descriptor_after_the_name_picks_the_kind_of_place() {
    // The city is the bigger namesake; "state" and "province" name the first-level unit.
    assert!(feature_of("Gunmen struck in Kaduna.", "Kaduna").starts_with("PPL"));
    assert_eq!(
        feature_of("Gunmen struck in Kaduna state.", "Kaduna"),
        "ADM1"
    );
    assert_eq!(feature_of("Floods hit Herat province.", "Herat"), "ADM1");
    assert!(feature_of("Floods hit Herat city.", "Herat").starts_with("PPL"));
}

#[test]
fn a_name_is_not_the_place_the_article_calls_by_a_longer_name() {
    // Mexico City is also called "Mexico"; an article that writes "Mexico City" means the
    // country by "Mexico".
    let text = "Police in Mexico City said drug violence in Mexico killed 2,300 people in \
                Guerrero and Sinaloa.";
    assert_eq!(feature_of(text, "Mexico"), "PCLI");
    assert!(feature_of(text, "Mexico City").starts_with("PPL"));
}

#[test]
fn joint_support_by_sweep_and_by_tree_agree() {
    // Many names with many candidates each: the pairs swept in order of one coordinate and the
    // points queried through the R-tree give the same support to every candidate.
    let g = Gazetteer::builtin().unwrap();
    let doc = Document::new(
        "Storms crossed Springfield, Franklin, Clinton, Greenville, Salem, Madison, Georgetown, \
         Fairview, Jackson, Washington, Marion, Arlington, Chester and Oxford, then Paris, \
         London, Berlin, Manchester, Richmond and Columbia.",
    );
    let rec = recognize(&doc, &g, &RecognizeOptions::default());
    let mentions = &rec.mentions;
    let names: Vec<String> = mentions
        .iter()
        .map(|m| fold::fold(doc.span_text(&m.span)))
        .collect();
    let ids = NameIds::of(&names);
    let mut vectors = Rows::with_capacity(mentions.len());
    for m in mentions {
        vectors.push(m.candidates.iter().map(|c| c.unit).collect());
    }
    let points: usize = mentions.iter().map(|m| m.candidates.len()).sum();
    assert!(
        points > 300,
        "{points} candidate points: too few to test the tree"
    );
    let swept = joint_support(mentions, &ids, &vectors, usize::MAX);
    let queried = joint_support(mentions, &ids, &vectors, 0);
    for (i, name) in names.iter().enumerate() {
        assert_eq!(swept.row(i), queried.row(i), "{name}");
    }
    assert!((0..mentions.len()).any(|i| swept.row(i).iter().any(|&s| s > 0.0)));
}

#[test]
fn a_town_and_the_county_it_lies_in_are_found_together() {
    // Huntsville, Alabama is larger and its state has a Walker County 120 km away; only the
    // Texas pair is nested.
    let r = resolved(
        "Walker County deputies arrested two men after a chase that ended in Huntsville. \
         The Walker County jail holds both.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "Huntsville").2, "TX", "{r:?}");
    assert_eq!(find(&r, "Walker County").2, "TX", "{r:?}");
    let r = resolved(
        "Greene County commissioners met in Springfield on Monday.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "Springfield").2, "MO", "{r:?}");
    // A shorter form of a county's name is the county, not a town inside a namesake
    // county: "Platte" beside "Platte County" is not Platte City in Platte County, Missouri.
    let r = resolved(
        "Platte County grew again last year. Platte now has 32,000 residents, the Columbus \
         office of the census said.",
        &ResolveOptions::default(),
    );
    assert_eq!(find(&r, "Platte").2, "NE", "{r:?}");
}

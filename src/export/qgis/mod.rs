//! A QGIS style for the places layer (`--qgis-style`): a `.qml` file written next to the
//! GeoJSON under the same name, which QGIS loads as the layer's default style. Places are
//! coloured by `role` (the HTML map's colours), sized by `mentions` (area grows with mentions)
//! and labelled with `name`.

const TEMPLATE: &str = include_str!("places.qml");

/// Role colours (RGB) in the order of the template's categories; the HTML map uses the same.
const ROLE_COLOURS: [(&str, &str); 5] = [
    ("activity", "215,48,31"),
    ("dateline", "106,81,163"),
    ("actor", "241,105,19"),
    ("source", "43,140,190"),
    ("reference", "115,115,115"),
];

/// The marker size in millimetres, as a QGIS expression over the feature's mentions.
const SIZE_EXPRESSION: &str = "2 + 1.2 * sqrt(&quot;mentions&quot;)";

fn symbol(index: usize, rgb: &str) -> String {
    format!(
        r#"      <symbol type="marker" name="{index}" alpha="0.9" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="{rgb},255"/>
            <Option type="QString" name="outline_color" value="255,255,255,255"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="3"/>
            <Option type="QString" name="size_unit" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option name="properties" type="Map">
                <Option name="size" type="Map">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="{SIZE_EXPRESSION}"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>"#
    )
}

/// The style file's text.
pub fn places_style() -> String {
    let symbols: Vec<String> = ROLE_COLOURS
        .iter()
        .enumerate()
        .map(|(i, (_, rgb))| symbol(i, rgb))
        .collect();
    TEMPLATE.replace("{{SYMBOLS}}", &symbols.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_category_and_a_symbol() {
        let qml = places_style();
        for (i, (role, rgb)) in ROLE_COLOURS.iter().enumerate() {
            assert!(qml.contains(&format!("value=\"{role}\"")), "{role}");
            assert!(qml.contains(&format!("symbol=\"{i}\"")));
            assert!(qml.contains(&format!("name=\"{i}\" alpha")));
            assert!(qml.contains(rgb));
        }
        assert!(!qml.contains("{{"), "template filled");
    }
}

#!/usr/bin/python3
"""Loads a GeoJSON places layer in QGIS (PyQGIS, offscreen) and prints what style QGIS applied:
the renderer, its categories with colour and size expression, and the labels. Run with
Debian's python3-qgis: `QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/check_qgis_style.py
output/article.geojson` after `geomention map article.txt --qgis-style`.
"""
import sys
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(sys.argv[1], "places", "ogr")
print("valid", layer.isValid(), "features", layer.featureCount())
r = layer.renderer()
print("renderer", r.type(), getattr(r, "classAttribute", lambda: None)())
if r.type() == "categorizedSymbol":
    for c in r.categories():
        sym = c.symbol()
        sl = sym.symbolLayer(0)
        dd = sl.dataDefinedProperties().property(sl.PropertySize) if hasattr(sl, "PropertySize") else None
        print(" ", c.value(), sym.color().name(), sl.layerType(), dd.expressionString() if dd else None)
print("labels", layer.labelsEnabled(), layer.labeling().settings().fieldName if layer.labeling() else None)
app.exitQgis()

<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- geomention places layer style: colour by role, size by mentions, labels by name.
     QGIS applies it by itself when it sits next to the layer file under the same name. -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="role" symbollevels="0" enableorderby="1" forceraster="0">
    <categories>
      <category render="true" value="activity" label="activity: something happens there" symbol="0"/>
      <category render="true" value="dateline" label="dateline: reported from" symbol="1"/>
      <category render="true" value="actor" label="actor: stands for who acts" symbol="2"/>
      <category render="true" value="source" label="source: in an outlet's name" symbol="3"/>
      <category render="true" value="reference" label="reference: mentioned" symbol="4"/>
    </categories>
    <symbols>
{{SYMBOLS}}
    </symbols>
    <orderby>
      <orderByClause asc="0" nullsFirst="0">"mentions"</orderByClause>
    </orderby>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="name" isExpression="0" fontSize="9" fontWeight="63" textColor="34,34,34,255">
        <text-buffer bufferDraw="1" bufferSize="0.8" bufferColor="255,255,255,255" bufferOpacity="0.85"/>
      </text-style>
      <placement placement="6" dist="1.5" distUnits="MM"/>
      <rendering scaleVisibility="0" obstacle="1"/>
    </settings>
  </labeling>
</qgis>

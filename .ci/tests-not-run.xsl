<?xml version="1.0" encoding="UTF-8"?>
<!-- Lists the tests a Surefire report marks as skipped (disabled, aborted, or failed
     assumptions), or as failed where the build was told to ignore failures, one line each:
     class, test, reason. Used by the build's verify check. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:for-each select="//testcase[skipped or failure or error]">
      <xsl:text>  </xsl:text>
      <xsl:value-of select="@classname"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="@name"/>
      <xsl:text>: </xsl:text>
      <xsl:choose>
        <xsl:when test="failure or error">
          <xsl:text>failed: </xsl:text>
          <xsl:value-of select="normalize-space((failure|error)[1]/@type)"/>
        </xsl:when>
        <xsl:when test="skipped/@message">
          <xsl:value-of select="normalize-space(skipped/@message)"/>
        </xsl:when>
        <xsl:otherwise>
          <!-- an aborted test: the first line of the exception Surefire kept -->
          <xsl:value-of select="normalize-space(substring-before(concat(skipped, '&#10;'), '&#10;'))"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>

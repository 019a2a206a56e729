// Boots the Scalar API reference from a file rather than the inline script Scalar writes, so
// /api-docs runs under the same Content-Security-Policy as every page (script-src 'self').
import { initialize } from '/api-docs/scalar.aspnetcore.js';

initialize('%2Fapi-docs%2F', false, {
  favicon: 'favicon.svg',
  _integration: 'dotnet',
  // The default fonts come from fonts.scalar.com: offline installs and the policy (font-src 'self') forbid them.
  withDefaultFonts: false,
  sources: [{ title: 'v1', url: 'openapi/v1.json' }],
  // Scalar's light theme draws muted text and the method badges below the 4.5:1 contrast that
  // every GovKpi page keeps (axe, PhoneReadyTests): the same hues, darker.
  customCss: `.light-mode {
    --scalar-color-2: #3f4752; --scalar-color-3: #4b5563; --scalar-color-accent: #0b57a4;
    --scalar-color-green: #116329; --scalar-color-blue: #0b57a4; --scalar-color-orange: #8f3f00;
    --scalar-color-yellow: #6f5300; --scalar-color-red: #a4161a; --scalar-color-purple: #5b2b99;
  }`,
}, '');

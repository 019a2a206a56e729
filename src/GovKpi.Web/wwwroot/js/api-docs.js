// Boots the Scalar API reference from a file rather than the inline script Scalar writes, so
// /api-docs runs under the same Content-Security-Policy as every page (script-src 'self').
import { initialize } from '/api-docs/scalar.aspnetcore.js';

initialize('%2Fapi-docs%2F', false, {
  favicon: 'favicon.svg',
  _integration: 'dotnet',
  // The default fonts come from fonts.scalar.com: offline installs and the policy (font-src 'self') forbid them.
  withDefaultFonts: false,
  sources: [{ title: 'v1', url: 'openapi/v1.json' }],
}, '');

#!/usr/bin/env node
// Thin launcher so `npx trellis` and `npm link` work; the real CLI is compiled TypeScript.
import "../dist/src/cli/main.js";

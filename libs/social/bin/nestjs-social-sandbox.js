#!/usr/bin/env node
// The provider sandbox for local development: SANDBOX_PORT (3001), SANDBOX_HOST (localhost),
// and default clients for the app at APP_URL (http://localhost:3000).
import '../dist/sandbox/main.js';

// Placeholder. In Electron the preload defines window.studio; the web host serves its own studio-bridge.js here.

// Stylesheets are imported for their side effect; Vite extracts them to .css files.
declare module '*.css';

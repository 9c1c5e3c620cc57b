"""The gwlint language server (pygls) and its editor clients."""

"""Another app's screens inside this package: never this app's."""
